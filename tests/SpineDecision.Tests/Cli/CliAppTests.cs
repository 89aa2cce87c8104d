using SpineDecision.Cli;
using SpineDecision.Cli.Output;

namespace SpineDecision.Tests.Cli;

public sealed class CliAppTests
{
    [TestCase]
    [TestCase("validate")]
    [TestCase("test")]
    [TestCase("coverage")]
    [TestCase("explain")]
    [TestCase("init")]
    [TestCase("schema")]
    public void Help_OnEveryCommand_PrintsUsageAndExitsZero(params string[] command)
    {
        var result = CliRunner.Run([.. command, "--help"]);

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().Contain("Usage:").And.Contain($"spine-rules {string.Join(' ', command)}".TrimEnd());
        result.Error.Should().BeEmpty();
    }

    [Test]
    public void Help_OnRoot_ListsCommandsAndExitCodes()
    {
        var result = CliRunner.Run("--help");

        result.Out.Should().Contain("validate").And.Contain("test").And.Contain("coverage").And.Contain("explain")
            .And.Contain("init").And.Contain("schema").And.Contain("Exit codes").And.Contain("NO_COLOR");
    }

    [Test]
    public void Run_NoArguments_PrintsHelpAndExitsWithUsageCode()
    {
        var result = CliRunner.Run();

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Out.Should().Contain("Usage:");
    }

    [TestCase("frobnicate")]
    [TestCase("validate")]
    [TestCase("validate", "--bogus")]
    [TestCase("test", "rules", "--junit")]
    [TestCase("coverage", "rules", "--min", "lots")]
    [TestCase("explain")]
    public void Run_WrongCommandLine_ReportsOnStandardErrorWithUsageCode(params string[] args)
    {
        var result = CliRunner.Run(args);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("spine-rules: error: ").And.Contain("--help");
        result.ShouldNotShowAStackTrace();
    }

    [TestCase("valdate", "validate")]
    [TestCase("covrage", "coverage")]
    public void Run_MistypedCommand_SuggestsTheClosestCommand(string typed, string suggested)
    {
        var result = CliRunner.Run(typed, CliRunner.RulesFolder);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain($"Unrecognized command or argument '{typed}' (did you mean '{suggested}'?).");
    }

    [Test]
    public void Run_MistypedCommand_DoesNotAlsoSayACommandIsMissing()
    {
        var result = CliRunner.Run("valdate", CliRunner.RulesFolder);

        result.Error.Should().Contain("'valdate'").And.NotContain("Required command");
    }

    [TestCase("validate", "--al", "--all")]
    [TestCase("coverage", "--no-default", "--no-defaults")]
    [TestCase("test", "--verbos", "--verbose")]
    [TestCase("test", "-V", "-v")]
    [TestCase("test", "--hepl", "--help")]
    public void Run_MistypedOption_SuggestsTheClosestOptionOfThatCommand(string command, string typed, string suggested)
    {
        var result = CliRunner.Run(command, CliRunner.RulesFolder, typed);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain($"'{typed}' (did you mean '{suggested}'?).");
    }

    [Test]
    public void Run_MistypedOptionAfterACaseFile_SuggestsTheClosestOption()
    {
        var result = CliRunner.Run("explain", Path.Combine(CliRunner.RepositoryRoot, "samples", "cases", "facet-rfa.yaml"), "--jsn");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("'--jsn' (did you mean '--json'?).");
    }

    [TestCase("frobnicate")]
    [TestCase("--frobnicate")]
    public void Run_UnknownWordFarFromAnyName_GetsNoSuggestion(string typed)
    {
        var result = CliRunner.Run(typed, CliRunner.RulesFolder);

        result.Error.Should().Contain($"Unrecognized command or argument '{typed}'.").And.NotContain("did you mean");
    }

    [TestCase("[suggest:3]", "val", "validate")]
    [TestCase("[suggest:15]", "validate --no-d", "--no-defaults")]
    [TestCase("[suggest]", "coverage --m", "--min")]
    public void Run_SuggestDirective_PrintsTheCompletionsDotnetSuggestOffers(string directive, string line, string completion)
    {
        var word = line.Split(' ').Last();

        var result = CliRunner.Run(directive, line);

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Lines.Should().Contain(completion).And.OnlyContain(l => l.StartsWith(word, StringComparison.Ordinal));
    }

    [Test]
    public void Run_SuggestDirectiveAtACommandsStart_ListsItsOptions()
    {
        var result = CliRunner.Run("[suggest:9]", "validate ");

        result.Lines.Should().Contain(["--all", "--no-defaults", "--help"]);
    }

    [Test]
    public void RuntimeConfig_OfTheTool_RollsForwardToNewerMajorRuntimes()
    {
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SpineDecision.Cli.runtimeconfig.json"));

        config.Should().Contain("\"rollForward\": \"Major\"");
    }

    [Test]
    public void Run_Version_PrintsTheVersion()
    {
        var result = CliRunner.Run("--version");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Test]
    public void Run_UnexpectedException_IsOneLineOnStandardErrorWithExitCode3()
    {
        using var error = new StringWriter();

        var exitCode = CliApp.Run(["validate", CliRunner.RulesFolder], new ThrowingWriter(), error, Terminal.None);

        exitCode.Should().Be(ExitCodes.InternalError);
        error.ToString().Should().StartWith("spine-rules: internal error: InvalidOperationException: disk on fire");
        error.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Should().NotContain("\n", "an internal error is one line, never a stack trace");
    }

    [Test]
    public void Colour_OnATerminal_PaintsSeverities()
    {
        var result = CliRunner.Run(new Terminal(true, false, _ => null), "validate", CliRunner.InvalidFolder);

        result.Out.Should().Contain("\u001b[31merror\u001b[0m");
    }

    [TestCase("1")]
    [TestCase("true")]
    public void Colour_WithNoColorSet_IsNeverUsed(string value)
    {
        var result = CliRunner.Run(new Terminal(true, false, name => name == "NO_COLOR" ? value : null), "validate", CliRunner.InvalidFolder);

        result.Out.Should().NotContain("\u001b[");
    }

    [Test]
    public void Colour_WhenRedirected_IsNeverUsed()
    {
        var result = CliRunner.Run("validate", CliRunner.InvalidFolder);

        result.Out.Should().NotContain("\u001b[");
    }

    [Test]
    public void Progress_OnATerminal_GoesToStandardErrorOnly()
    {
        var result = CliRunner.Run(new Terminal(false, true, _ => null), "test", CliRunner.RulesFolder);

        result.Out.Should().NotContain("\r");
        result.LastLine.Should().MatchRegex(@"^\d+ passed, \d+ failed$");
    }

    [Test]
    public void Progress_WhenStandardErrorIsRedirected_IsNotShown()
    {
        var result = CliRunner.Run("test", CliRunner.RulesFolder);

        result.Error.Should().BeEmpty();
    }

    private sealed class ThrowingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("disk on fire");

        public override void Write(string? value) => throw new InvalidOperationException("disk on fire");

        public override void WriteLine(string? value) => throw new InvalidOperationException("disk on fire");
    }
}
