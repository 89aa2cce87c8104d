using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision.Sample;

/// <summary>Renders a report for a terminal: what to do, what not to do and why, alerts, and what is missing, with
/// concepts by their display names (the JSON keeps the ids).</summary>
internal static class ReportText
{
    public static string Render(RecommendationReport report, ConceptVocabulary vocabulary)
    {
        string D(string text) => vocabulary.DisplayText(text);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"SpineDecision report for case {report.CaseId ?? "(no id)"}, assessed {report.AssessmentDate:yyyy-MM-dd}, profile {report.Provenance.Profile}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"DECISION: {Dispositions.Describe(report.Disposition)}");
        foreach (var reason in report.Reasons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {D(reason.Text)}{(reason.Rule is null ? "" : $" [{reason.Rule.RuleId}]")}");
        }

        foreach (var pathway in report.Pathways)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {pathway.Display}: {Dispositions.Describe(pathway.Disposition)}");
        }

        if (report.Request is { } request)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  requested {request.Procedure.Display}: {Dispositions.Describe(request.Disposition)}");
        }

        text.AppendLine();

        Section(text, "ALERTS", report.Alerts, alert =>
        [
            $"[{alert.Severity.ToUpperInvariant()}] {D(alert.Text)}",
            .. alert.Actions.Select(a => $"  -> {D(a)}"),
            $"  rule {alert.Rule.RuleId}: {alert.Rule.Title}",
        ]);

        Section(text, "RECOMMENDED", report.Recommendations, r =>
        [
            $"{r.Procedure.Display} ({r.Intent}, {r.Strength}{(r.Approach is null ? "" : $", {r.Approach}")}){Target(r.Target)}",
            $"  why: {r.Rationale}",
            .. r.Precautions.Select(p => $"  precaution ({p.Severity}): {D(p.Text)}"),
            .. r.NextSteps.Select(s => $"  next: {s}"),
            $"  codes: {(r.Procedure.Codes.IsEmpty ? "-" : string.Join(", ", r.Procedure.Codes))}",
            $"  rule {r.Rule.RuleId} ({string.Join(", ", r.Rule.Citations.Select(c => $"{c.Id} [{c.Evidence}]"))})",
            .. Tree(r.Explanation, "  "),
        ]);

        var notRelevant = report.Withheld.Where(w => !report.IsRelevant(w)).ToImmutableArray();
        Section(text, "WITHHELD", report.Withheld.Where(report.IsRelevant).ToImmutableArray(), w =>
        [
            $"{w.Procedure?.Display ?? $"all {w.Group} procedures"} - {w.Reason}",
            $"  why: {D(w.Text)}",
            .. w.Overrides.Select(o => $"  overrides: {o.Procedure.Display} recommended by {o.Rule.RuleId}"),
            $"  rule {w.Rule.RuleId}",
        ]);

        if (!notRelevant.IsEmpty)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"NOT RELEVANT TO THIS CASE ({notRelevant.Length} withheld, folded): {string.Join(", ", notRelevant.Select(w => w.Procedure!.Display))}").AppendLine();
        }

        Section(text, "INFORMATION NEEDED", report.InformationNeeded, i =>
        [
            $"{i.Datum}: {D(i.Why)}",
            .. i.Unlocks.IsEmpty ? Array.Empty<string>() : [$"  would decide: {string.Join(", ", i.Unlocks.Select(u => u.Display))}"],
        ]);

        Section(text, "WHY NOT", report.WhyNot, n =>
        [
            $"{n.Procedure.Display} - not recommended",
            .. n.Criteria.Select(c => $"  {(c.Status == "unknown" ? "unknown: " : "")}{D(c.Text)} [{Source(c)}]"),
        ]);

        text.AppendLine(Citation.EvidenceLegend);
        text.AppendLine(CultureInfo.InvariantCulture, $"Rules content {report.Provenance.ContentHash[..12]}, SpineDecision {report.Provenance.LibraryVersion}");
        return text.ToString();
    }

    private static void Section<T>(StringBuilder text, string title, IReadOnlyCollection<T> items, Func<T, IEnumerable<string>> lines)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{title} ({items.Count})");
        if (items.Count == 0)
        {
            text.AppendLine("  none");
        }

        foreach (var item in items)
        {
            var first = true;
            foreach (var line in lines(item))
            {
                text.AppendLine((first ? "* " : "  ") + line);
                first = false;
            }
        }

        text.AppendLine();
    }

    /// <summary>The rule a criterion belongs to, the recommending rule that needed it, and its sources.</summary>
    private static string Source(UnmetCriterion criterion)
    {
        var rule = criterion.Rule.RuleId == criterion.ForRule ? criterion.ForRule : $"{criterion.Rule.RuleId}, for {criterion.ForRule}";
        return criterion.Rule.Citations.IsEmpty ? rule : $"{rule}; {string.Join(", ", criterion.Rule.Citations.Select(c => c.Id))}";
    }

    private static string Target(TargetSite target)
    {
        var parts = new[] { target.Region, target.Side, target.Levels }.OfType<string>().ToList();
        return parts.Count == 0 ? string.Empty : $" - {string.Join(" ", parts)}";
    }

    private static IEnumerable<string> Tree(Explanation explanation, string indent)
    {
        yield return $"{indent}because {explanation.RuleId} matched:";
        foreach (var fact in explanation.Facts)
        {
            yield return $"{indent}  - {fact.Kind}: {fact.Description}";
            if (fact.DerivedBy is { } by)
            {
                foreach (var line in Tree(by, indent + "    "))
                {
                    yield return line;
                }
            }
        }
    }
}
