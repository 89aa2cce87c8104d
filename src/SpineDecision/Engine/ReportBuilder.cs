using System.Collections.Immutable;
using System.Reflection;
using SpineDecision.Cases;
using SpineDecision.Compilation;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;
using SpineDecision.Reports;

namespace SpineDecision.Engine;

/// <summary>
/// Turns what the rules produced into the report, enforcing the safety invariants whatever the rules say
/// (DESIGN §4): an unexplained red flag withholds every elective procedure and raises an alert; withhold beats
/// recommend; every list in a fixed order.
/// </summary>
internal sealed class ReportBuilder
{
    public const string RedFlagSafetyRuleId = "SAFETY-RED-FLAG";

    private static readonly string LibraryVersion =
        typeof(ReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly CompiledRuleBase _compiled;
    private readonly ImmutableArray<RuleSetInfo> _ruleSets;
    private readonly Dictionary<string, RuleReference> _ruleReferences = new(StringComparer.Ordinal);

    public ReportBuilder(CompiledRuleBase compiled)
    {
        _compiled = compiled;
        _ruleSets = [.. compiled.Rules.RuleSets.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new RuleSetInfo(
            s.Id, s.Title, s.Version, s.Status, s.Developer, s.Funding, s.Released, s.Revised, s.Reviewers,
            [.. s.Sources.Select(ToCitation)]))];
        foreach (var rule in compiled.Rules.Rules)
        {
            _ruleReferences[rule.Id] = new RuleReference(rule.Id, rule.Definition.Title, rule.Definition.RuleSet.Id, rule.Definition.RuleSet.Version,
                rule.Definition.At.ToString(), [.. rule.Citations.Select(ToCitation)]);
        }
    }

    private static RuleReference SafetyRule { get; } = new(RedFlagSafetyRuleId, "Unexplained red flag: urgent evaluation before any elective procedure",
        "engine", "1.0.0", "(engine)",
        [new Citation("AHCPR", "AHCPR 1994 Acute Low Back Problems, Table 1 \"Red flags\"; SpineDecision safety invariant (CLINICAL.md §2.2)", "V", "https://www.ncbi.nlm.nih.gov/books/NBK52120")]);

    public RecommendationReport Build(PatientCase patientCase, List<object> facts, List<OutcomeFact> outcomes)
    {
        var explainer = new Explainer(_compiled);
        var recommendations = new List<(Recommendation Item, Concept Procedure)>();
        var withholds = new List<(OutcomeFact Fact, ActionPlan Plan)>();
        var cautions = new List<(OutcomeFact Fact, ActionPlan Plan)>();
        var alerts = new List<Alert>();
        var asks = new List<InformationNeeded>();

        foreach (var outcome in outcomes)
        {
            var plan = (ActionPlan)outcome.Plan;
            var rule = _ruleReferences[plan.Rule.Id];
            switch (plan.Kind)
            {
                case ActionKind.Recommend:
                    recommendations.Add((new Recommendation(
                        ToProcedure(plan.Action.Procedure!), plan.Action.Definition.Intent!, plan.Action.Definition.Strength!, plan.Action.Approach?.Id,
                        new TargetSite(outcome.Values[0], outcome.Values[1], outcome.Values[2]), outcome.Text, [.. outcome.Steps], [],
                        rule, explainer.Explain(plan.Rule, outcome.Support)), plan.Action.Procedure!));
                    break;
                case ActionKind.Withhold:
                    withholds.Add((outcome, plan));
                    break;
                case ActionKind.Caution:
                    cautions.Add((outcome, plan));
                    break;
                case ActionKind.Alert:
                    alerts.Add(new Alert(plan.Action.Definition.Category!, plan.Action.Definition.Severity!, outcome.Text, [.. outcome.Steps],
                        rule, explainer.Explain(plan.Rule, outcome.Support)));
                    break;
                case ActionKind.Ask:
                    asks.Add(new InformationNeeded(plan.Action.Definition.Datum!, outcome.Text, [.. plan.Action.Unlocks.Select(ToProcedure)], rule));
                    break;
            }
        }

        AddEngineRedFlagAlert(facts, alerts);

        // Precautions make a recommendation conditional.
        for (var i = 0; i < recommendations.Count; i++)
        {
            var (item, procedure) = recommendations[i];
            var precautions = cautions.Where(c => Targets(c.Plan, procedure)).Select(c => c.Fact.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
            if (!precautions.IsEmpty)
            {
                recommendations[i] = (item with { Strength = "conditional", Precautions = precautions }, procedure);
            }
        }

        // Withhold beats recommend.
        var withheld = new List<WithheldProcedure>();
        var blocked = new HashSet<Recommendation>(ReferenceEqualityComparer.Instance);
        foreach (var (fact, plan) in withholds)
        {
            var overrides = recommendations.Where(r => Targets(plan, r.Procedure)).Select(r => r.Item).ToList();
            blocked.UnionWith(overrides);
            withheld.Add(new WithheldProcedure(plan.Action.Procedure is { } p ? ToProcedure(p) : null, plan.Action.Definition.Group,
                plan.Action.Definition.Reason!, fact.Text, _ruleReferences[plan.Rule.Id], explainer.Explain(plan.Rule, fact.Support), Order(overrides)));
        }

        // A red flag beats everything elective.
        var redFlag = alerts.Where(a => a.Category == "red-flag").OrderBy(a => a.Rule.RuleId, StringComparer.Ordinal).FirstOrDefault();
        if (redFlag is not null)
        {
            var remaining = recommendations.Select(r => r.Item).Where(r => !blocked.Contains(r)).ToList();
            blocked.UnionWith(remaining);
            withheld.Add(new WithheldProcedure(null, "elective", "red-flag",
                $"Every elective procedure is withheld until the red flag is evaluated: {redFlag.Text}", redFlag.Rule, redFlag.Explanation, Order(remaining)));
        }

        var finalRecommendations = Order(recommendations.Select(r => r.Item).Where(r => !blocked.Contains(r)));
        return new RecommendationReport(
            patientCase.Id,
            patientCase.AssessmentDate,
            finalRecommendations,
            [.. withheld.DistinctBy(w => (w.Procedure?.Id, w.Group, w.Reason, w.Text, w.Rule.RuleId))
                .OrderBy(w => w.Reason == "red-flag" ? 0 : 1).ThenBy(w => w.Procedure?.Id ?? w.Group, StringComparer.Ordinal)
                .ThenBy(w => w.Rule.RuleId, StringComparer.Ordinal).ThenBy(w => w.Text, StringComparer.Ordinal)],
            [.. alerts.DistinctBy(a => (a.Rule.RuleId, a.Text)).OrderBy(a => SeverityRank(a.Severity))
                .ThenBy(a => a.Rule.RuleId, StringComparer.Ordinal).ThenBy(a => a.Text, StringComparer.Ordinal)],
            [.. asks.DistinctBy(a => (a.Datum, a.Rule.RuleId, a.Why)).OrderBy(a => a.Datum, StringComparer.Ordinal)
                .ThenBy(a => a.Rule.RuleId, StringComparer.Ordinal).ThenBy(a => a.Why, StringComparer.Ordinal)],
            Provenance(patientCase, outcomes, alerts));
    }

    /// <summary>Safety by construction: an unexplained red flag in the case raises an alert even when no rule does.</summary>
    private static void AddEngineRedFlagAlert(List<object> facts, List<Alert> alerts)
    {
        var unexplained = facts.OfType<RedFlagFact>().Where(f => f.Explained != true).Select(f => f.Flag ?? "unknown").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unexplained.Count == 0 || alerts.Any(a => a.Category == "red-flag"))
        {
            return;
        }

        var explanation = new Explanation(RedFlagSafetyRuleId, SafetyRule.Title, ["redFlag where explained is not true"],
            [.. unexplained.Select(f => new ExplanationFact("redFlag", $"flag={f}", null, []))]);
        alerts.Add(new Alert("red-flag", "urgent", $"Unexplained red flag: {string.Join(", ", unexplained)}.",
            ["Urgent clinical evaluation and work-up before any elective spinal procedure."], SafetyRule, explanation));
    }

    private static bool Targets(ActionPlan plan, Concept procedure) =>
        plan.Action.Procedure is { } p ? p.Id == procedure.Id : plan.Action.Definition.Group is { } g && (g == "elective" || procedure.Groups.Contains(g));

    private static ImmutableArray<Recommendation> Order(IEnumerable<Recommendation> items) =>
        [.. items.DistinctBy(r => (r.Procedure.Id, r.Rule.RuleId, r.Rationale, r.Target))
            .OrderBy(r => r.Procedure.Id, StringComparer.Ordinal).ThenBy(r => r.Rule.RuleId, StringComparer.Ordinal)
            .ThenBy(r => r.Target.Region, StringComparer.Ordinal).ThenBy(r => r.Target.Side, StringComparer.Ordinal)
            .ThenBy(r => r.Target.Levels, StringComparer.Ordinal).ThenBy(r => r.Rationale, StringComparer.Ordinal)];

    private static int SeverityRank(string severity) => severity switch
    {
        "emergency" => 0,
        "urgent" => 1,
        _ => 2,
    };

    private Provenance Provenance(PatientCase patientCase, List<OutcomeFact> outcomes, List<Alert> alerts)
    {
        var ruleIds = outcomes.Select(o => ((ActionPlan)o.Plan).Rule).Distinct().OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new RuleAttributes(r.Id, r.Definition.RuleSet.Id, r.DemographicInputs)).ToList();
        if (alerts.Any(a => a.Rule.RuleId == RedFlagSafetyRuleId))
        {
            ruleIds.Add(new RuleAttributes(RedFlagSafetyRuleId, "engine", []));
        }

        return new Provenance(_compiled.ProfileId, _compiled.Rules.ContentHash, LibraryVersion, patientCase.AssessmentDate, _ruleSets,
            [.. ruleIds.OrderBy(r => r.RuleId, StringComparer.Ordinal)]);
    }

    private ProcedureInfo ToProcedure(Concept concept) => new(concept.Id, concept.Display, concept.Codes);

    private static Citation ToCitation(SourceDef source) => new(source.Id, source.Citation, source.Evidence, source.Url);

    /// <summary>Builds derivation trees from the facts each activation matched; shared sub-trees are built once.</summary>
    private sealed class Explainer(CompiledRuleBase compiled)
    {
        private readonly Dictionary<DerivedFact, Explanation> _derived = new(ReferenceEqualityComparer.Instance);

        public Explanation Explain(CheckedRule rule, object[] support) =>
            new(rule.Id, rule.Definition.Title, rule.Criteria, [.. support.Select((fact, i) => Describe(rule, rule.Declarations[i], fact))]);

        private ExplanationFact Describe(CheckedRule rule, FactBinding binding, object fact)
        {
            switch (fact)
            {
                case CaseFact:
                    return new ExplanationFact("case", Fields(rule.CaseFieldsRead, fact), null, []);
                case DerivedFact derived:
                    {
                        if (!_derived.TryGetValue(derived, out var by))
                        {
                            by = Explain(compiled.RulesById[derived.RuleId], derived.Support);
                            _derived[derived] = by;
                        }

                        var type = compiled.Rules.Conclusions[derived.ConclusionId];
                        return new ExplanationFact(derived.ConclusionId, Fields(type.OrderedFields, fact), by, []);
                    }

                case System.Collections.IEnumerable collection:
                    {
                        var items = collection.Cast<object>().Select(item => Describe(rule, new FactBinding(binding.Name, binding.Type, BindingKind.Match), item)).ToImmutableArray();
                        return new ExplanationFact("count", $"{items.Length} {binding.Type.Name} fact(s) counted as '{binding.Name}'", null, items);
                    }

                default:
                    return new ExplanationFact(binding.Type.Name, Fields(binding.Type.OrderedFields, fact), null, []);
            }
        }

        private static string Fields(IEnumerable<FieldDef> fields, object fact) =>
            string.Join(", ", fields.Select(f => $"{f.Name}={f.Format(fact) ?? "unknown"}"));
    }
}
