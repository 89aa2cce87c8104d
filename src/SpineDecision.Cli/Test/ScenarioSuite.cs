using System.Diagnostics;
using SpineDecision.Cli.Inputs;
using SpineDecision.Cli.Output;
using SpineDecision.Diagnostics;
using SpineDecision.Scenarios;

namespace SpineDecision.Cli.Test;

/// <summary>One scenario's result and how long it took.</summary>
internal sealed record TimedResult(ScenarioResult Result, TimeSpan Elapsed);

/// <summary>
/// The scenarios of <c>test</c> and <c>coverage</c>: the scenario files under the paths, run with
/// <see cref="ScenarioRunner"/> (the same runner as the NUnit scenario tests) against the rule files under the paths and,
/// unless <c>--no-defaults</c>, the shipped rules. Cases given as FHIR files (<c>givenFhir</c>) are read with
/// <see cref="FhirScenarioCases"/>.
/// </summary>
internal sealed class ScenarioSuite
{
    private ScenarioSuite(RuleInputs inputs, IReadOnlyList<Scenario> scenarios, DiagnosticBag problems)
    {
        Inputs = inputs;
        Scenarios = scenarios;
        Problems = problems;
        Runner = new ScenarioRunner(inputs.AllRuleFiles, FhirScenarioCases.Instance);
    }

    public RuleInputs Inputs { get; }

    /// <summary>The scenarios that loaded and match the filter, in file then document order.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; }

    /// <summary>Unreadable paths and scenario files with errors: the run fails when there are any.</summary>
    public DiagnosticBag Problems { get; }

    public ScenarioRunner Runner { get; }

    public static ScenarioSuite Load(IReadOnlyList<string> paths, IReadOnlyList<string> rulePaths, string? filter, bool includeDefaults)
    {
        var inputs = RuleInputs.Gather(paths, rulePaths, includeDefaults);
        var problems = new DiagnosticBag();
        problems.AddRange(inputs.Problems.Items);
        var scenarios = ScenarioFileLoader.Load(inputs.ScenarioFiles, problems);
        return new ScenarioSuite(inputs, [.. scenarios.Where(s => ScenarioFilter.Matches(s.Id, filter))], problems);
    }

    /// <summary>Compiles the engine every scenario needs before running any, so rule errors are reported once.</summary>
    /// <returns>The load errors, or an empty list.</returns>
    public IReadOnlyList<RuleDiagnostic> Prepare(string? profile)
    {
        try
        {
            foreach (var p in profile is null ? Scenarios.Select(s => s.Profile).Prepend(null).Distinct() : [profile])
            {
                if (p is null || p == profile || Runner.EngineFor(null).Profiles.Contains(p))
                {
                    Runner.EngineFor(p);
                }
            }

            return [];
        }
        catch (RuleLoadException e)
        {
            return e.Diagnostics;
        }
    }

    public List<TimedResult> Run(CliConsole console, string? profile)
    {
        var progress = new Progress(console, Scenarios.Count, "scenarios");
        var results = new List<TimedResult>(Scenarios.Count);
        foreach (var scenario in Scenarios)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = Runner.Run(scenario, profile);
            results.Add(new TimedResult(result, stopwatch.Elapsed));
            progress.Report(results.Count);
        }

        progress.Done();
        return results;
    }
}
