using System.Collections.Immutable;
using SpineDecision.Cli.Explain;
using SpineDecision.Cli.Output;
using SpineDecision.Reports;
using SpineDecision.Scenarios;

namespace SpineDecision.Cli.Test;

/// <summary>
/// Writes why a scenario failed: the runner's expected-versus-actual lines, the rules that fired, and the report
/// items the failed expectations are about, each with its derivation tree.
/// </summary>
internal static class FailureWriter
{
    public static void Write(CliConsole console, ScenarioResult result)
    {
        var w = console.Out;
        var scenario = result.Scenario;
        w.WriteLine($"{console.Red("FAIL")} {console.Bold(scenario.Id)} at {scenario.At}{(scenario.Description.Length == 0 ? string.Empty : $": {scenario.Description}")}");
        foreach (var failure in result.Failures)
        {
            w.WriteLine($"  - {failure.ReplaceLineEndings(Environment.NewLine + "    ")}");
        }

        w.WriteLine($"  fired: {(result.Fired.IsEmpty ? "(no rule)" : string.Join(", ", result.Fired.Order(StringComparer.Ordinal)))}");
        if (result.Report is not { } report)
        {
            return;
        }

        var (procedures, rules, alerts, information) = Subjects(scenario.Expect, report, result.Fired);
        var recommended = report.Recommendations.Where(r => procedures.Contains(r.Procedure.Id) || rules.Contains(r.Rule.RuleId)).ToList();
        var withheld = report.Withheld.Where(x =>
            (x.Procedure is { } p && procedures.Contains(p.Id)) || (x.Group is { } g && procedures.Contains(g)) ||
            x.Overrides.Any(o => procedures.Contains(o.Procedure.Id)) || rules.Contains(x.Rule.RuleId)).ToList();
        var alertItems = report.Alerts.Where(a => alerts || rules.Contains(a.Rule.RuleId)).ToList();
        var questions = information ? report.InformationNeeded.ToList() : [];
        if (recommended.Count + withheld.Count + alertItems.Count + questions.Count == 0)
        {
            w.WriteLine($"  no report item concerns {string.Join(", ", procedures.Concat(rules).Order(StringComparer.Ordinal).DefaultIfEmpty("the failed expectations"))}; the report has:");
            w.WriteLine($"    recommended: {List(report.Recommendations.Select(r => $"{r.Procedure.Id} (by {r.Rule.RuleId})"))}");
            w.WriteLine($"    withheld: {List(report.Withheld.Select(x => $"{x.Procedure?.Id ?? x.Group} (by {x.Rule.RuleId})"))}");
            w.WriteLine($"    alerts: {List(report.Alerts.Select(a => $"{a.Category} (by {a.Rule.RuleId})"))}");
            return;
        }

        foreach (var r in recommended)
        {
            w.WriteLine("  recommended:");
            ReportPrinter.Recommendation(console, r, "    ");
        }

        foreach (var x in withheld)
        {
            w.WriteLine("  withheld:");
            ReportPrinter.Withheld(console, x, "    ");
        }

        foreach (var a in alertItems)
        {
            w.WriteLine($"  alert {a.Category} ({a.Severity}): {a.Text}");
            ExplanationWriter.Write(console, a.Explanation, "    ");
        }

        foreach (var q in questions)
        {
            w.WriteLine($"  information needed {q.Datum} (asked by {q.Rule.RuleId}): {q.Why}");
        }
    }

    /// <summary>What the failed expectations are about, mirroring <see cref="ScenarioRunner.Compare"/>.</summary>
    private static (HashSet<string> Procedures, HashSet<string> Rules, bool Alerts, bool Information) Subjects(
        ScenarioExpectations expect, RecommendationReport report, ImmutableHashSet<string> fired)
    {
        var recommended = report.Recommendations.Select(r => r.Procedure.Id).ToHashSet(StringComparer.Ordinal);
        var withheld = report.Withheld.SelectMany(w => new[] { w.Procedure?.Id, w.Group }.Concat(w.Overrides.Select(o => o.Procedure.Id)))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var alerts = report.Alerts.SelectMany(a => new[] { a.Rule.RuleId, a.Category }).ToHashSet(StringComparer.Ordinal);
        var information = report.InformationNeeded.Select(i => i.Datum).ToHashSet(StringComparer.Ordinal);

        var procedures = expect.Recommended.Where(p => !recommended.Contains(p))
            .Concat(expect.NotRecommended.Where(recommended.Contains))
            .Concat(expect.NotRecommended.Where(p => report.Recommendations.Any(r => r.Procedure.KindOf == p)))
            .Concat(expect.Withheld.Where(p => !withheld.Contains(p)))
            .Concat(expect.NotWithheld.Where(withheld.Contains))
            .ToHashSet(StringComparer.Ordinal);
        var rules = expect.Fired.Where(r => !fired.Contains(r)).Concat(expect.NotFired.Where(fired.Contains)).ToHashSet(StringComparer.Ordinal);
        var alertsFailed = expect.Alerts.Any(a => !alerts.Contains(a)) || (expect.NoAlerts == true && !report.Alerts.IsEmpty);
        var informationFailed = expect.InformationNeeded.Any(d => !information.Contains(d));
        return (procedures, rules, alertsFailed, informationFailed);
    }

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}
