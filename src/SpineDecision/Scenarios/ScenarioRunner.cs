using System.Collections.Immutable;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Language.Checking;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision.Scenarios;

/// <summary>The outcome of one scenario.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Failures">What did not match, one line each; empty when it passed.</param>
/// <param name="Fired">Every rule that fired, for coverage.</param>
/// <param name="Report">The report, when the case could be evaluated.</param>
internal sealed record ScenarioResult(Scenario Scenario, ImmutableArray<string> Failures, ImmutableHashSet<string> Fired, RecommendationReport? Report)
{
    public bool Passed => Failures.IsEmpty;
}

/// <summary>
/// Runs scenarios against rule files, one engine per profile (compiled once and reused). Used by the NUnit
/// scenario tests and by the <c>spine-rules</c> CLI so both report the same results. A scenario that gives its case as
/// a FHIR file (<c>givenFhir</c>) is read through <paramref name="caseSource"/>; without one it fails, saying so.
/// </summary>
internal sealed class ScenarioRunner(IReadOnlyList<RuleSourceFile> ruleFiles, IScenarioCaseSource? caseSource = null)
{
    private readonly Dictionary<string, SpineDecisionEngine> _engines = new(StringComparer.Ordinal);
    private (CheckedRuleBase Rules, IReadOnlyList<RuleDiagnostic> Diagnostics)? _checked;

    public SpineDecisionEngine EngineFor(string? profile)
    {
        var key = profile ?? string.Empty;
        if (!_engines.TryGetValue(key, out var engine))
        {
            // Load and check once; only compilation depends on the profile.
            _checked ??= RuleBaseLoader.LoadAndCheck(ruleFiles);
            engine = SpineDecisionEngine.FromCheckedRules(_checked.Value.Rules, _checked.Value.Diagnostics, profile, new SpineDecisionOptions().MaxRuleFirings);
            _engines[key] = engine;
        }

        return engine;
    }

    public ScenarioResult Run(Scenario scenario, string? profileOverride = null)
    {
        var fired = new HashSet<string>(StringComparer.Ordinal);
        var engine = EngineFor(profileOverride ?? scenario.Profile);
        var (given, mapping, problem) = Case(scenario, engine.Vocabulary);
        if (given is null)
        {
            return new ScenarioResult(scenario, [problem ?? "the case under 'given' could not be read"], [], null);
        }

        RecommendationReport report;
        try
        {
            report = engine.Evaluate(given, new EvaluationOptions { RequestedProcedure = scenario.Request, Explain = scenario.Expect.NeedsExplain }, fired);
        }
        catch (SpineDecisionException e)
        {
            return new ScenarioResult(scenario, [$"evaluation failed: {e.Message}"], [.. fired], null);
        }

        var failures = Compare(scenario.Expect, report, fired, engine.Vocabulary);
        if (scenario.Expect.Mapping is { } expectMapping && mapping is not null)
        {
            failures = failures.AddRange(CompareMapping(expectMapping, mapping));
        }

        return new ScenarioResult(scenario, failures, [.. fired], report);
    }

    /// <summary>The scenario's case: written under <c>given</c>, or read from its FHIR file by the case source. A file that
    /// cannot be read or mapped, or no case source, is a failure located at the file's path in the scenario.</summary>
    private (Cases.PatientCase? Case, ScenarioCaseRead? Mapping, string? Problem) Case(Scenario scenario, ConceptVocabulary vocabulary)
    {
        if (scenario.GivenFhir is not { } fhir)
        {
            return (scenario.Given, null, null);
        }

        if (caseSource is null)
        {
            return (null, null, $"{fhir.At}: givenFhir '{fhir.Bundle}': this runner cannot read FHIR; the scenario needs a FHIR reader (SpineDecision.Fhir), which 'spine-rules test' and the FHIR-aware test runners supply");
        }

        var (read, problem) = TryRead(caseSource, fhir, vocabulary);
        return (read?.Case, read, problem is null ? null : $"{fhir.At}: givenFhir '{fhir.Bundle}': {problem}");
    }

    /// <summary>Reads a scenario's FHIR file; a file that is missing, unreadable or cannot be mapped is a problem, said in
    /// one sentence (without the location).</summary>
    public static (ScenarioCaseRead? Read, string? Problem) TryRead(IScenarioCaseSource source, ScenarioCaseReference fhir, ConceptVocabulary vocabulary)
    {
        try
        {
            return (source.Read(fhir.Path, fhir.AssessmentDate, vocabulary), null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, $"the file does not exist (looked for {fhir.Path}); the path is relative to the scenario file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the file cannot be read: {e.Message}");
        }
        catch (SpineDecisionException e)
        {
            return (null, $"the file cannot be mapped: {e.Message}");
        }
    }

    /// <summary>What the FHIR mapping did not report as expected: <c>mapped</c> names a case path (a list also matches its
    /// items' paths), <c>ignored</c> a resource or a reason, <c>unknown</c> a case field left unknown.</summary>
    public static ImmutableArray<string> CompareMapping(ScenarioMappingExpectations expect, ScenarioCaseRead mapping)
    {
        var failures = ImmutableArray.CreateBuilder<string>();
        foreach (var path in expect.Mapped.Where(p => !mapping.Mapped.Any(m => m.CasePath == p || m.CasePath.StartsWith(p + ".", StringComparison.Ordinal) || m.CasePath.StartsWith(p + "[", StringComparison.Ordinal))))
        {
            failures.Add($"expected the FHIR mapping to map '{path}'; mapped: {List(mapping.Mapped.Select(m => m.CasePath).Distinct())}");
        }

        foreach (var item in expect.Ignored.Where(i => !mapping.Ignored.Any(x => x.Source == i || x.Reason == i)))
        {
            failures.Add($"expected the FHIR mapping to ignore '{item}'; ignored: {List(mapping.Ignored.Select(x => $"{x.Source} ({x.Reason})"))}");
        }

        foreach (var field in expect.Unknown.Where(f => !mapping.Unknown.Contains(f)))
        {
            var mappedTo = mapping.Mapped.Where(m => m.CasePath == field).Select(m => m.Source).FirstOrDefault();
            failures.Add($"expected '{field}' to stay unknown{(mappedTo is null ? string.Empty : $", but {mappedTo} was mapped to it")}; unknown: {List(mapping.Unknown)}");
        }

        return failures.ToImmutable();
    }

    /// <summary>What did not match. <c>recommended</c> names a procedure exactly; <c>notRecommended</c> names a procedure
    /// and its kinds (from <paramref name="vocabulary"/>): "no facet-rfa" also means no repeat RFA.</summary>
    public static ImmutableArray<string> Compare(ScenarioExpectations expect, RecommendationReport report, IReadOnlySet<string> fired,
        ConceptVocabulary? vocabulary = null)
    {
        var failures = ImmutableArray.CreateBuilder<string>();
        var recommended = report.Recommendations.Select(r => r.Procedure.Id).ToHashSet(StringComparer.Ordinal);
        var kindOf = vocabulary?.Sets.FirstOrDefault(s => s.Id == "procedure")?.Concepts.Where(c => c.KindOf is not null)
            .ToDictionary(c => c.Id, c => c.KindOf!, StringComparer.Ordinal) ?? [];
        var recommendedAsKinds = report.Recommendations.ToLookup(r => r.Procedure.Id, r => r, StringComparer.Ordinal)
            .SelectMany(g => Ancestors(g.Key, kindOf).Select(a => (Ancestor: a, By: g.First())))
            .GroupBy(x => x.Ancestor, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().By, StringComparer.Ordinal);
        var withheld = report.Withheld.SelectMany(w => new[] { w.Procedure?.Id, w.Group }.Concat(w.Overrides.Select(o => o.Procedure.Id)))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var alerts = report.Alerts.SelectMany(a => new[] { a.Rule.RuleId, a.Category }).ToHashSet(StringComparer.Ordinal);
        var information = report.InformationNeeded.Select(i => i.Datum).ToHashSet(StringComparer.Ordinal);

        foreach (var p in expect.Recommended.Where(p => !recommended.Contains(p)))
        {
            failures.Add($"expected '{p}' to be recommended; recommended: {List(recommended)}{WithheldNote(report, p)}");
        }

        foreach (var p in expect.NotRecommended.Where(recommended.Contains))
        {
            var by = report.Recommendations.First(r => r.Procedure.Id == p);
            failures.Add($"expected '{p}' not to be recommended, but rule {by.Rule.RuleId} recommends it: {by.Rationale}");
        }

        foreach (var p in expect.NotRecommended.Where(p => !recommended.Contains(p) && recommendedAsKinds.ContainsKey(p)))
        {
            var by = recommendedAsKinds[p];
            failures.Add($"expected '{p}' not to be recommended, but rule {by.Rule.RuleId} recommends '{by.Procedure.Id}', a kind of it: {by.Rationale}");
        }

        foreach (var p in expect.Withheld.Where(p => !withheld.Contains(p)))
        {
            failures.Add($"expected '{p}' to be withheld; withheld: {List(withheld)}");
        }

        foreach (var p in expect.NotWithheld.Where(withheld.Contains))
        {
            var by = report.Withheld.First(w => w.Procedure?.Id == p || w.Group == p || w.Overrides.Any(o => o.Procedure.Id == p));
            failures.Add($"expected '{p}' not to be withheld, but rule {by.Rule.RuleId} withholds it ({by.Reason}): {by.Text}");
        }

        foreach (var a in expect.Alerts.Where(a => !alerts.Contains(a)))
        {
            failures.Add($"expected alert '{a}'; alerts: {List(report.Alerts.Select(x => x.Rule.RuleId))}");
        }

        if (expect.NoAlerts == true && !report.Alerts.IsEmpty)
        {
            failures.Add($"expected no alerts; alerts: {List(report.Alerts.Select(x => $"{x.Rule.RuleId} ({x.Text})"))}");
        }

        foreach (var d in expect.InformationNeeded.Where(d => !information.Contains(d)))
        {
            failures.Add($"expected information needed '{d}'; information needed: {List(information)}");
        }

        if (expect.Disposition is { } disposition && disposition != report.Disposition)
        {
            failures.Add($"expected disposition '{disposition}', got '{report.Disposition}': {List(report.Reasons.Select(r => $"{r.Kind} {r.Rule?.RuleId}"))}");
        }

        if (expect.RequestDisposition is { } requested && requested != report.Request?.Disposition)
        {
            failures.Add($"expected the request's disposition '{requested}', got '{report.Request?.Disposition ?? "(no request)"}'");
        }

        var precautions = report.Precautions.SelectMany(p => new[] { p.Code, p.Severity, p.Rule.RuleId }).ToHashSet(StringComparer.Ordinal);
        foreach (var p in (expect.Precautions.IsDefault ? [] : expect.Precautions).Where(p => !precautions.Contains(p)))
        {
            failures.Add($"expected precaution '{p}'; precautions: {List(report.Precautions.Select(x => $"{x.Rule.RuleId} ({x.Code}, {x.Severity})"))}");
        }

        foreach (var (procedure, names) in expect.WhyNot.IsDefault ? [] : expect.WhyNot)
        {
            var whyNot = report.WhyNot.FirstOrDefault(w => w.Procedure.Id == procedure);
            if (whyNot is null)
            {
                failures.Add($"expected a why-not for '{procedure}'; why-not: {List(report.WhyNot.Select(w => w.Procedure.Id))}");
                continue;
            }

            var named = whyNot.Criteria.SelectMany(c => c.Parameters.Concat(c.Fields)).ToHashSet(StringComparer.Ordinal);
            foreach (var name in names.Where(n => !named.Contains(n)))
            {
                failures.Add($"expected the why-not for '{procedure}' to name '{name}'; it names: {List(whyNot.Criteria.Select(c => $"{c.Rule.RuleId}: {c.Text}"))}");
            }
        }

        foreach (var r in expect.Fired.Where(r => !fired.Contains(r)))
        {
            failures.Add($"expected rule {r} to fire; fired: {List(fired)}");
        }

        foreach (var r in expect.NotFired.Where(fired.Contains))
        {
            failures.Add($"expected rule {r} not to fire, but it did");
        }

        return failures.ToImmutable();
    }

    /// <summary>The procedures <paramref name="id"/> is a kind of, nearest first (bounded: the vocabulary has no cycles,
    /// and the walk stops after as many steps as there are relations in any case).</summary>
    private static IEnumerable<string> Ancestors(string id, Dictionary<string, string> kindOf)
    {
        for (var (current, steps) = (id, 0); steps < kindOf.Count && kindOf.TryGetValue(current, out var parent); (current, steps) = (parent, steps + 1))
        {
            yield return parent;
        }
    }

    private static string WithheldNote(RecommendationReport report, string procedure)
    {
        var by = report.Withheld.FirstOrDefault(w => w.Procedure?.Id == procedure || w.Overrides.Any(o => o.Procedure.Id == procedure));
        return by is null ? string.Empty : $" (withheld by {by.Rule.RuleId}: {by.Text})";
    }

    private static string List(IEnumerable<string> items)
    {
        var sorted = items.Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "(none)" : string.Join(", ", sorted);
    }
}
