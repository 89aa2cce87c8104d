using System.Text.RegularExpressions;
using SpineDecision.Cli;
using SpineDecision.Cli.Init;
using SpineDecision.Cli.Output;
using SpineDecision.Tests.Schema;

namespace SpineDecision.Tests.Cli;

public sealed partial class InitCommandTests
{
    [Test]
    public void Init_NewFolder_WritesRuleSetScenariosAndSchemas()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "my-rules");

        var result = CliRunner.Run("init", target);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Error);
        Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
            .Should().Equal(
                "my-rules.scenarios.yaml", "my-rules.yaml",
                "schema/case.schema.json", "schema/profile.schema.json", "schema/report.schema.json",
                "schema/rules.schema.json", "schema/scenarios.schema.json", "schema/vocabulary.schema.json");
    }

    [TestCase("my-rules.yaml", "rules")]
    [TestCase("my-rules.scenarios.yaml", "scenarios")]
    public void Init_EachFile_NamesALocalSchemaOnItsFirstLineAndValidatesAgainstIt(string file, string schema)
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "my-rules");
        CliRunner.Run("init", target);
        var path = Path.Combine(target, file);

        var match = SchemaComment().Match(File.ReadLines(path).First());

        match.Success.Should().BeTrue();
        match.Groups[1].Value.Should().Be($"schema/{schema}.schema.json");
        File.Exists(Path.Combine(target, match.Groups[1].Value)).Should().BeTrue();
        Schemas.Errors(schema, YamlToJson.Convert(File.ReadAllText(path), file)).Should().BeEmpty();
    }

    [Test]
    public void Init_Output_ValidatesWithoutErrors()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "my-rules");
        CliRunner.Run("init", target);

        var result = CliRunner.Run("validate", target);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.LastLine.Should().Contain("(1 rule sets, 2 rules, 0 concept sets, 0 profiles, 3 scenarios;").And.Contain(": 0 errors, ");
    }

    [Test]
    public void Init_Output_ScenariosPassAndCoverEveryRule()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "my-rules");
        CliRunner.Run("init", target);

        var test = CliRunner.Run("test", target);
        var coverage = CliRunner.Run("coverage", target, "--min", "100");

        test.LastLine.Should().Be("3 passed, 0 failed", test.Out);
        coverage.ExitCode.Should().Be(ExitCodes.Success, coverage.Out);
        coverage.LastLine.Should().Be($"Coverage: 2 of 2 rules in {target} fired (100.0 %)");
    }

    [Test]
    public void Init_FolderWithTheFilesAlready_RefusesAndLeavesThemAlone()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "my-rules");
        var mine = folder.Write("my-rules/my-rules.yaml", "# my own work\n");

        var result = CliRunner.Run("init", target);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("init never overwrites a file");
        File.ReadAllText(mine).Should().Be("# my own work\n");
        Directory.Exists(Path.Combine(target, "schema")).Should().BeFalse();
    }

    [TestCase("My Clinic Rules", "my-clinic-rules")]
    [TestCase("2026_rules", "my-2026-rules")]
    [TestCase("---", "my-rules")]
    public void RuleSetTemplate_FolderName_BecomesAValidRuleSetId(string name, string id)
    {
        var template = RuleSetTemplate.For(name);

        template.Id.Should().Be(id);
    }

    [Test]
    public void Init_FolderWithASpaceInItsName_ValidatesAndPasses()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "My Clinic Rules");
        CliRunner.Run("init", target);

        var result = CliRunner.Run("test", target);

        result.LastLine.Should().Be("3 passed, 0 failed", result.Out);
    }

    [Test]
    public void Schema_Folder_WritesEachShippedSchemaVerbatim()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "schemas");

        var result = CliRunner.Run("schema", target);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Error);
        foreach (var name in Schemas.Names)
        {
            File.ReadAllText(Path.Combine(target, $"{name}.schema.json")).Should().Be(File.ReadAllText(Schemas.PathOf(name)).ReplaceLineEndings("\n"), name);
        }
    }

    [Test]
    public void Schema_FolderThatIsAFile_IsAUsageErrorWithoutAStackTrace()
    {
        using var folder = new TempFolder();
        var file = folder.Write("taken", "a file, not a folder");

        var result = CliRunner.Run("schema", file);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("spine-rules: error: cannot write ");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Schema_NoFolderGiven_DefaultsToTheSchemaFolder()
    {
        var command = SchemaCommand.Create(new CliConsole(TextWriter.Null, TextWriter.Null, Terminal.None));

        var parsed = command.Parse([]);

        parsed.Errors.Should().BeEmpty();
        parsed.GetValue<string>("folder").Should().Be("schema");
    }

    [GeneratedRegex(@"^# yaml-language-server: \$schema=(\S+)$")]
    private static partial Regex SchemaComment();
}
