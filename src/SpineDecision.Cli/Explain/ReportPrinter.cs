using System.Globalization;
using SpineDecision.Cli.Output;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision.Cli.Explain;

/// <summary>A report for a terminal: every section, each item with its rule, citations and full derivation tree.</summary>
internal static class ReportPrinter
{
    public static void Print(CliConsole console, RecommendationReport report, int ruleCount, ConceptVocabulary vocabulary)
    {
        string D(string text) => vocabulary.DisplayText(text);

        var w = console.Out;
        var provenance = report.Provenance;
        w.WriteLine(console.Bold($"Case {report.CaseId ?? "(no id)"}, assessed {Date(report.AssessmentDate)}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Profile {provenance.Profile}; {ruleCount} rules in {provenance.RuleSets.Length} rule sets; content sha256 {provenance.ContentHash}; SpineDecision {provenance.LibraryVersion}"));

        w.WriteLine(console.Bold($"DECISION: {Dispositions.Describe(report.Disposition)}"));
        foreach (var reason in report.Reasons)
        {
            w.WriteLine($"  - {D(reason.Text)}{(reason.Rule is null ? string.Empty : $" [{reason.Rule.RuleId}]")}");
        }

        foreach (var pathway in report.Pathways)
        {
            w.WriteLine($"  {pathway.Display}: {Dispositions.Describe(pathway.Disposition)}");
        }

        Section(console, "RECOMMENDED", report.Recommendations.Length);
        foreach (var r in report.Recommendations)
        {
            Recommendation(console, r, "  ");
        }

        var relevant = report.Withheld.Where(report.IsRelevant).ToList();
        Section(console, "WITHHELD", relevant.Count);
        foreach (var item in relevant)
        {
            Withheld(console, item, "  ");
        }

        var notRelevant = report.Withheld.Where(w => !report.IsRelevant(w)).ToList();
        if (notRelevant.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"{console.Bold($"NOT RELEVANT TO THIS CASE ({notRelevant.Count})")} withheld, folded: {string.Join(", ", notRelevant.Select(n => n.Procedure!.Display))}");
        }

        Section(console, "ALERTS", report.Alerts.Length);
        foreach (var alert in report.Alerts)
        {
            w.WriteLine($"  {console.Red(alert.Severity.ToUpperInvariant())} {alert.Category}: {D(alert.Text)}");
            foreach (var action in alert.Actions)
            {
                w.WriteLine($"    do: {D(action)}");
            }

            Rule(console, alert.Rule, "    ");
            w.WriteLine("    derivation:");
            ExplanationWriter.Write(console, alert.Explanation, "      ");
        }

        Section(console, "INFORMATION NEEDED", report.InformationNeeded.Length);
        foreach (var need in report.InformationNeeded)
        {
            w.WriteLine($"  {console.Bold(need.Datum)}: {D(need.Why)}");
            if (!need.Unlocks.IsEmpty)
            {
                w.WriteLine($"    would decide: {string.Join(", ", need.Unlocks.Select(u => u.Id))}");
            }

            w.WriteLine($"    asked by {need.Rule.RuleId} at {need.Rule.Location}");
        }

        Section(console, "WHY NOT", report.WhyNot.Length);
        foreach (var whyNot in report.WhyNot)
        {
            w.WriteLine($"  {console.Yellow(whyNot.Procedure.Id)}  {whyNot.Procedure.Display}");
            foreach (var criterion in whyNot.Criteria)
            {
                w.WriteLine($"    {criterion.Status}: {D(criterion.Text)}");
                w.WriteLine($"      criterion: {criterion.Criterion}");
                w.WriteLine($"      {(criterion.Rule.RuleId == criterion.ForRule ? string.Empty : $"needed by {criterion.ForRule}; ")}{RuleText(criterion.Rule)}");
            }
        }

        w.WriteLine();
        w.WriteLine(Citation.EvidenceLegend);

        Section(console, "PROVENANCE", -1);
        foreach (var set in provenance.RuleSets)
        {
            w.WriteLine($"  rule set {set.Id} {set.Version} ({set.Status}), released {Date(set.Released)}, revised {Date(set.Revised)}; developer: {set.Developer}; funding: {set.Funding}; reviewers: {(set.Reviewers.IsEmpty ? "(none)" : string.Join(", ", set.Reviewers))}");
        }

        foreach (var rule in provenance.Rules)
        {
            w.WriteLine($"  rule {rule.RuleId} ({rule.RuleSetId}) reads demographic inputs: {(rule.DemographicInputs.IsEmpty ? "none" : string.Join(", ", rule.DemographicInputs))}");
        }
    }

    public static void Recommendation(CliConsole console, Recommendation r, string indent)
    {
        var w = console.Out;
        w.WriteLine($"{indent}{console.Green(r.Procedure.Id)}  {r.Procedure.Display}{Codes(r.Procedure)}");
        var target = string.Join(", ", new[] { r.Target.Region, r.Target.Side, r.Target.Levels }.OfType<string>());
        w.WriteLine($"{indent}  {r.Intent}, {r.Strength}{(r.Approach is null ? string.Empty : $", {r.Approach} approach")}{(target.Length == 0 ? string.Empty : $"; target: {target}")}");
        w.WriteLine($"{indent}  why: {r.Rationale}");
        foreach (var precaution in r.Precautions)
        {
            w.WriteLine($"{indent}  precaution ({precaution.Severity}): {precaution.Text}");
        }

        foreach (var step in r.NextSteps)
        {
            w.WriteLine($"{indent}  next: {step}");
        }

        Rule(console, r.Rule, indent + "  ");
        w.WriteLine($"{indent}  derivation:");
        ExplanationWriter.Write(console, r.Explanation, indent + "    ");
    }

    public static void Withheld(CliConsole console, WithheldProcedure item, string indent)
    {
        var w = console.Out;
        var what = item.Procedure is { } p ? $"{p.Id}  {p.Display}{Codes(p)}" : $"group '{item.Group}'";
        w.WriteLine($"{indent}{console.Yellow(what)}");
        w.WriteLine($"{indent}  reason: {item.Reason}: {item.Text}");
        if (!item.Overrides.IsEmpty)
        {
            w.WriteLine($"{indent}  overrides the recommendation of {string.Join(", ", item.Overrides.Select(o => $"{o.Procedure.Id} (by {o.Rule.RuleId})"))}");
        }

        Rule(console, item.Rule, indent + "  ");
        w.WriteLine($"{indent}  derivation:");
        ExplanationWriter.Write(console, item.Explanation, indent + "    ");
    }

    private static void Rule(CliConsole console, RuleReference rule, string indent) => console.Out.WriteLine(indent + RuleText(rule));

    private static string RuleText(RuleReference rule)
    {
        var citations = string.Join("; ", rule.Citations.Select(c => $"{c.Id} [{c.Evidence}]"));
        return $"rule {rule.RuleId} ({rule.RuleSetId} {rule.RuleSetVersion}) at {rule.Location}{(citations.Length == 0 ? string.Empty : $"; cites {citations}")}";
    }

    private static void Section(CliConsole console, string title, int count)
    {
        console.Out.WriteLine();
        console.Out.WriteLine(console.Bold(count < 0 ? title : string.Create(CultureInfo.InvariantCulture, $"{title} ({count})")));
        if (count == 0)
        {
            console.Out.WriteLine("  (none)");
        }
    }

    private static string Codes(ProcedureInfo procedure) =>
        procedure.Codes.IsEmpty ? string.Empty : $" [{string.Join(", ", procedure.Codes)}]";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
