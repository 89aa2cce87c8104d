using System.CommandLine;
using System.Globalization;
using SpineDecision.Cli.Output;
using SpineDecision.Diagnostics;

namespace SpineDecision.Cli.Test;

/// <summary><c>spine-rules test</c>: runs scenario tests and ends with the plain line <c>N passed, N failed</c>.</summary>
internal static class TestCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var rules = CommonOptions.Rules("Extra rule files or folders; only their rule files are used (for running one scenario file against a rules folder).");
        var filter = new Option<string?>("--filter")
        {
            Description = "Run only scenarios whose id contains this text, or matches this glob (* and ?), ignoring case.",
            HelpName = "pattern",
        };
        var profile = CommonOptions.Profile("Run every scenario under this profile instead of its own.");
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to this file.", HelpName = "file" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List passing scenarios too." };
        var noDefaults = CommonOptions.NoDefaults();
        var command = new Command("test", "Run the scenario tests (given a case, expect ...) against the rule files under the paths and the rules shipped in SpineDecision. Prints expected versus actual and the derivation of each failure, then 'N passed, N failed'. Exit code 1 when any scenario fails.")
        {
            paths, rules, filter, profile, junit, verbose, noDefaults,
        };
        command.SetAction(result => Run(console, new TestOptions(
            result.GetValue(paths) ?? [], result.GetValue(rules) ?? [], result.GetValue(filter), result.GetValue(profile), result.GetValue(junit), result.GetValue(verbose),
            !result.GetValue(noDefaults))));
        return command;
    }

    public static int Run(CliConsole console, TestOptions options)
    {
        var suite = ScenarioSuite.Load(options.Paths, options.Rules, options.Filter, options.IncludeDefaults);
        foreach (var problem in suite.Problems.Sorted())
        {
            console.Diagnostic(problem);
        }

        var ruleErrors = suite.Prepare(options.Profile);
        if (ruleErrors.Count > 0)
        {
            foreach (var error in ruleErrors)
            {
                console.Diagnostic(error);
            }

            if (ruleErrors.All(d => d.Code == DiagnosticCodes.UnknownProfile))
            {
                return ExitCodes.Usage;
            }

            if (suite.Inputs.DuplicateNote(ruleErrors) is { } note)
            {
                console.Out.WriteLine(note);
            }

            if (suite.Inputs.AllRuleFiles.Count == 0)
            {
                console.Out.WriteLine($"{CliConsole.ToolName}: no rule files under {string.Join(", ", options.Paths)}; add the rules folder to the paths, pass it with --rules, or leave out --no-defaults");
            }

            var message = $"the rules could not be loaded: {ruleErrors.First(d => d.Severity == DiagnosticSeverity.Error)}";
            if (options.JUnit is { } failedPath &&
                !TryWriteJUnit(console, failedPath, [.. suite.Scenarios.Select(s => new JUnitCase(s.Id, s.At.File, TimeSpan.Zero, message, message))]))
            {
                return ExitCodes.Usage;
            }

            return Summary(console, 0, suite.Scenarios.Count, ExitCodes.Failed);
        }

        if (suite.Scenarios.Count == 0)
        {
            console.Diagnostic(new RuleDiagnostic(DiagnosticCodes.NoScenarios, DiagnosticSeverity.Error, new SourceLocation("(options)", 1, 1),
                options.Filter is null
                    ? $"no scenarios found under {string.Join(", ", options.Paths)}; scenario files are named *.scenarios.yaml"
                    : $"no scenario id matches --filter '{options.Filter}'"));
            return Summary(console, 0, 0, ExitCodes.Failed);
        }

        var results = suite.Run(console, options.Profile);
        var cases = new List<JUnitCase>(results.Count);
        foreach (var (result, elapsed) in results)
        {
            string? details = null;
            if (!result.Passed)
            {
                FailureWriter.Write(console, result);
                console.Out.WriteLine();
                using var text = new StringWriter(CultureInfo.InvariantCulture);
                FailureWriter.Write(new CliConsole(text, TextWriter.Null, Terminal.None), result);
                details = text.ToString();
            }
            else if (options.Verbose)
            {
                console.Out.WriteLine($"{console.Green("PASS")} {result.Scenario.Id}{(result.Scenario.Description.Length == 0 ? string.Empty : $": {result.Scenario.Description}")}");
            }

            cases.Add(new JUnitCase(result.Scenario.Id, result.Scenario.At.File, elapsed, result.Passed ? null : result.Failures[0], details));
        }

        if (options.JUnit is { } path && !TryWriteJUnit(console, path, cases))
        {
            return ExitCodes.Usage;
        }

        var failed = results.Count(r => !r.Result.Passed);
        return Summary(console, results.Count - failed, failed, failed > 0 || suite.Problems.HasErrors ? ExitCodes.Failed : ExitCodes.Success);
    }

    private static bool TryWriteJUnit(CliConsole console, string path, List<JUnitCase> cases)
    {
        try
        {
            using var stream = File.Create(path);
            JUnitReport.Write(stream, cases);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.UsageError($"cannot write the JUnit file '{path}': {e.Message}");
            return false;
        }
    }

    private static int Summary(CliConsole console, int passed, int failed, int exitCode)
    {
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {failed} failed"));
        return exitCode;
    }
}
