using System.CommandLine;
using System.Globalization;
using SpineDecision.Cli.Inputs;
using SpineDecision.Cli.Output;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Linting;
using SpineDecision.Scenarios;

namespace SpineDecision.Cli.Validate;

/// <summary>
/// <c>spine-rules validate</c>: loads, checks and lints rule files and scenario files and prints every diagnostic as
/// <c>file(line,col): error SDnnnn: message</c>. Exit code 1 on errors; warnings alone exit 0. The files are checked
/// with the shipped rules (<see cref="RuleInputs"/>); warnings about the shipped files are shown only with <c>--all</c>.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var noDefaults = CommonOptions.NoDefaults();
        var all = CommonOptions.All("warnings");
        var command = new Command("validate", "Check rule, vocabulary, profile and scenario files and lint them, with the rules shipped in SpineDecision. Prints every problem as file(line,col): error|warning SDnnnn: message. Exit code 1 when there are errors; warnings alone exit 0.")
        {
            paths, noDefaults, all,
        };
        command.SetAction(result => Run(console, result.GetValue(paths) ?? [], !result.GetValue(noDefaults), result.GetValue(all)));
        return command;
    }

    public static int Run(CliConsole console, IReadOnlyList<string> paths, bool includeDefaults = true, bool allWarnings = false)
    {
        var inputs = RuleInputs.Gather(paths, includeDefaults: includeDefaults);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(inputs.Problems.Items);
        var fileCount = inputs.RuleFiles.Count + inputs.ScenarioFiles.Count;
        if (fileCount == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Error(DiagnosticCodes.NoRules, new SourceLocation("(rules)", 1, 1),
                $"no rule or scenario files (*.yaml) under {string.Join(", ", paths)}");
        }

        var rules = inputs.AllRuleFiles.Count > 0 && fileCount > 0 ? RuleLinter.LoadCheckAndLint(inputs.AllRuleFiles, diagnostics) : null;
        var scenarios = ScenarioFileLoader.Load(inputs.ScenarioFiles, diagnostics);
        if (rules is not null)
        {
            var checker = new ScenarioChecker(rules, diagnostics);
            foreach (var file in inputs.ScenarioFiles)
            {
                checker.Check(file);
            }

            checker.CheckFhirCases(scenarios);
        }

        // Errors anywhere stop the rules from loading, so they are always shown; the shipped files' warnings only with --all.
        var sorted = diagnostics.Sorted().Where(d => allWarnings || d.Severity == DiagnosticSeverity.Error || inputs.Concerns(d)).ToList();
        foreach (var diagnostic in sorted)
        {
            console.Diagnostic(diagnostic);
        }

        if (inputs.DuplicateNote(sorted) is { } note)
        {
            console.Out.WriteLine(note);
        }

        if (inputs.ScenarioFiles.Count > 0 && inputs.AllRuleFiles.Count == 0)
        {
            console.Out.WriteLine("note: no rule files were given, so scenario cases and expectations were checked for structure only; add the rules folder to check them against the rules");
        }

        var errors = sorted.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = sorted.Count - errors;
        var contents = rules is null ? string.Empty : Contents(rules, inputs, scenarios.Count);
        var counts = string.Create(CultureInfo.InvariantCulture, $"{errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}");
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fileCount} files checked{contents}: {(errors > 0 ? console.Red(counts) : warnings > 0 ? console.Yellow(counts) : console.Green(counts))}"));
        return errors > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>What the user's files hold (not the shipped ones), and how many shipped files they were checked with.</summary>
    private static string Contents(CheckedRuleBase rules, RuleInputs inputs, int scenarios)
    {
        var vocabulary = rules.Vocabulary;
        var sets = vocabulary.SetNames.Count(set => vocabulary.ConceptsOf(set).Any(c => inputs.IsOwn(c.At.File)));
        var shipped = inputs.ShippedFiles.Count == 0 ? string.Empty : $"; with the {inputs.ShippedFiles.Count} shipped rule files";
        return string.Create(CultureInfo.InvariantCulture,
            $" ({rules.RuleSets.Count(s => inputs.IsOwn(s.At.File))} rule sets, {rules.Rules.Count(r => inputs.IsOwn(r.Definition.At.File))} rules, {sets} concept sets, {rules.Profiles.Count(p => inputs.IsOwn(p.At.File))} profiles, {scenarios} scenarios{shipped})");
    }
}
