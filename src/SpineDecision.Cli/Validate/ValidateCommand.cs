using System.CommandLine;
using System.Globalization;
using SpineDecision.Cli.Inputs;
using SpineDecision.Cli.Output;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Linting;
using SpineDecision.Scenarios;

namespace SpineDecision.Cli.Validate;

/// <summary>
/// <c>spine-rules validate</c>: loads, checks and lints rule files and scenario files and prints every diagnostic as
/// <c>file(line,col): error SDnnnn: message</c>. Exit code 1 on errors; warnings alone exit 0.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var command = new Command("validate", "Check rule, vocabulary, profile and scenario files and lint them. Prints every problem as file(line,col): error|warning SDnnnn: message. Exit code 1 when there are errors; warnings alone exit 0.")
        {
            paths,
        };
        command.SetAction(result => Run(console, result.GetValue(paths) ?? []));
        return command;
    }

    public static int Run(CliConsole console, IReadOnlyList<string> paths)
    {
        var inputs = RuleInputs.Gather(paths);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(inputs.Problems.Items);
        var fileCount = inputs.RuleFiles.Count + inputs.ScenarioFiles.Count;
        if (fileCount == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Error(DiagnosticCodes.NoRules, new SourceLocation("(rules)", 1, 1),
                $"no rule or scenario files (*.yaml) under {string.Join(", ", paths)}");
        }

        var rules = inputs.RuleFiles.Count > 0 ? RuleLinter.LoadCheckAndLint(inputs.RuleFiles, diagnostics) : null;
        var scenarios = ScenarioFileLoader.Load(inputs.ScenarioFiles, diagnostics);
        if (rules is not null)
        {
            var checker = new ScenarioChecker(rules, diagnostics);
            foreach (var file in inputs.ScenarioFiles)
            {
                checker.Check(file);
            }
        }

        var sorted = diagnostics.Sorted();
        foreach (var diagnostic in sorted)
        {
            console.Diagnostic(diagnostic);
        }

        if (inputs.ScenarioFiles.Count > 0 && inputs.RuleFiles.Count == 0)
        {
            console.Out.WriteLine("note: no rule files were given, so scenario cases and expectations were checked for structure only; add the rules folder to check them against the rules");
        }

        var errors = sorted.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = sorted.Count - errors;
        var contents = rules is null
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture,
                $" ({rules.RuleSets.Length} rule sets, {rules.Rules.Length} rules, {rules.Vocabulary.SetNames.Count()} concept sets, {rules.Profiles.Length} profiles, {scenarios.Count} scenarios)");
        var counts = string.Create(CultureInfo.InvariantCulture, $"{errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}");
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fileCount} files checked{contents}: {(errors > 0 ? console.Red(counts) : warnings > 0 ? console.Yellow(counts) : console.Green(counts))}"));
        return errors > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }
}
