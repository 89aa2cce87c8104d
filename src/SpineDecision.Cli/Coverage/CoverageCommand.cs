using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using SpineDecision.Cli.Output;
using SpineDecision.Cli.Test;
using SpineDecision.Diagnostics;

namespace SpineDecision.Cli.Coverage;

/// <summary><c>spine-rules coverage</c>: which scenarios fire each rule, which rules none fires, and the percentage, for
/// the rules of the given files (all loaded rules, shipped ones included, with <c>--all</c>).</summary>
internal static class CoverageCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var rules = CommonOptions.Rules("Extra rule files or folders; only their rule files are used.");
        var profile = CommonOptions.Profile("Run every scenario under this profile instead of its own.");
        var min = new Option<double?>("--min")
        {
            Description = "Fail (exit code 1) when fewer than this percentage of the rules are fired by some scenario, e.g. 100.",
            HelpName = "percent",
        };
        var noDefaults = CommonOptions.NoDefaults();
        var all = CommonOptions.All("coverage");
        var command = new Command("coverage", "Run the scenarios and report, for each rule of the given files, the scenarios that fire it; list the rules no scenario fires and the coverage percentage. The shipped rules are loaded too (--no-defaults: not) but counted only with --all.")
        {
            paths, rules, profile, min, noDefaults, all,
        };
        command.SetAction(result => Run(console, result.GetValue(paths) ?? [], result.GetValue(rules) ?? [], result.GetValue(profile), result.GetValue(min),
            new CoverageScope(!result.GetValue(noDefaults), result.GetValue(all))));
        return command;
    }

    /// <summary>Which rules are loaded (the shipped ones too, unless --no-defaults) and which are counted (with --all, every loaded rule).</summary>
    internal sealed record CoverageScope(bool IncludeDefaults = true, bool All = false);

    public static int Run(CliConsole console, IReadOnlyList<string> paths, IReadOnlyList<string> rulePaths, string? profile, double? min, CoverageScope? scope = null)
    {
        scope ??= new CoverageScope();
        if (min is { } m && (!double.IsFinite(m) || m < 0 || m > 100))
        {
            console.UsageError(string.Create(CultureInfo.InvariantCulture, $"--min must be a percentage from 0 to 100, not {m}"));
            return ExitCodes.Usage;
        }

        var suite = ScenarioSuite.Load(paths, rulePaths, filter: null, scope.IncludeDefaults);
        foreach (var problem in suite.Problems.Sorted())
        {
            console.Diagnostic(problem);
        }

        var ruleErrors = suite.Prepare(profile);
        foreach (var error in ruleErrors)
        {
            console.Diagnostic(error);
        }

        if (ruleErrors.Count > 0)
        {
            return ruleErrors.All(d => d.Code == DiagnosticCodes.UnknownProfile) ? ExitCodes.Usage : ExitCodes.Failed;
        }

        var results = suite.Run(console, profile);
        // Without rule files of one's own (scenarios only), the coverage is of the rules they run against.
        var countAll = scope.All || suite.Inputs.RuleFiles.Count == 0;
        var rules = suite.Runner.EngineFor(profile).Compiled.Rules.Rules.Where(r => countAll || suite.Inputs.IsOwn(r.Definition.At.File)).ToImmutableArray();
        var firedBy = rules.ToDictionary(r => r.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (result, _) in results)
        {
            foreach (var id in result.Fired.Where(firedBy.ContainsKey))
            {
                firedBy[id].Add(result.Scenario.Id);
            }
        }

        var w = console.Out;
        var width = rules.IsEmpty ? 0 : rules.Max(r => r.Id.Length);
        w.WriteLine(console.Bold(string.Create(CultureInfo.InvariantCulture, $"Rules fired by the {results.Count} scenarios:")));
        foreach (var rule in rules.Where(r => firedBy[r.Id].Count > 0).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var scenarios = firedBy[rule.Id];
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rule.Id.PadRight(width)}  {scenarios.Count,3}  {string.Join(", ", scenarios)}"));
        }

        var uncovered = rules.Where(r => firedBy[r.Id].Count == 0).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        w.WriteLine();
        w.WriteLine(console.Bold(string.Create(CultureInfo.InvariantCulture, $"Rules no scenario fires ({uncovered.Count}):")));
        foreach (var rule in uncovered)
        {
            w.WriteLine($"  {console.Yellow(rule.Id.PadRight(width))}  {rule.Definition.At}  {rule.Definition.Title}");
        }

        if (uncovered.Count == 0)
        {
            w.WriteLine("  (none)");
        }

        var failed = results.Count(r => !r.Result.Passed);
        if (failed > 0)
        {
            w.WriteLine();
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: {failed} scenario(s) failed; their fired rules still count. Run 'spine-rules test' for details."));
        }

        var covered = rules.Length - uncovered.Count;
        var percent = rules.IsEmpty ? 100.0 : covered * 100.0 / rules.Length;
        w.WriteLine();
        var counted = countAll || suite.Inputs.ShippedFiles.Count == 0 ? string.Empty : $" in {string.Join(", ", paths.Concat(rulePaths))}";
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Coverage: {covered} of {rules.Length} rules{counted} fired ({percent:0.0} %)"));
        if (min is { } required && percent < required)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{console.Red("error")}: coverage {percent:0.0} % is below --min {required:0.##} %"));
            return ExitCodes.Failed;
        }

        return suite.Problems.HasErrors ? ExitCodes.Failed : ExitCodes.Success;
    }
}
