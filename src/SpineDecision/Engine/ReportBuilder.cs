using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
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
/// <remarks>
/// This runs once per evaluation, so it avoids LINQ and allocates only what the report keeps: everything that
/// depends on the rules alone (rule references, procedure infos, provenance attributes, constant texts) is built
/// once per engine or once per compiled action, and lists are sorted in place with the same keys and the same
/// (stable) order as <c>OrderBy().ThenBy()</c> would give.
/// </remarks>
internal sealed class ReportBuilder
{
    public const string RedFlagSafetyRuleId = "SAFETY-RED-FLAG";

    private const int SmallList = 16;

    private static readonly string LibraryVersion =
        typeof(ReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static readonly RuleAttributes SafetyRuleAttributes = new(RedFlagSafetyRuleId, "engine", []);

    [ThreadStatic]
    private static StringBuilder? _text;

    private readonly CompiledRuleBase _compiled;
    private readonly ImmutableArray<RuleSetInfo> _ruleSets;
    private readonly FrozenDictionary<string, RuleReference> _ruleReferences;
    private readonly FrozenDictionary<string, RuleAttributes> _ruleAttributes;
    private readonly FrozenDictionary<Concept, ProcedureInfo> _procedures;
    private readonly ConcurrentDictionary<ActionPlan, PlanInfo> _plans = new(ReferenceEqualityComparer.Instance);

    public ReportBuilder(CompiledRuleBase compiled)
    {
        _compiled = compiled;
        _ruleSets = [.. compiled.Rules.RuleSets.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new RuleSetInfo(
            s.Id, s.Title, s.Version, s.Status, s.Developer, s.Funding, s.Released, s.Revised, s.Reviewers,
            [.. s.Sources.Select(ToCitation)]))];
        _ruleReferences = compiled.Rules.Rules.ToFrozenDictionary(rule => rule.Id, rule => new RuleReference(rule.Id, rule.Definition.Title,
            rule.Definition.RuleSet.Id, rule.Definition.RuleSet.Version, rule.Definition.At.ToString(), [.. rule.Citations.Select(ToCitation)]), StringComparer.Ordinal);
        _ruleAttributes = compiled.Rules.Rules.ToFrozenDictionary(rule => rule.Id,
            rule => new RuleAttributes(rule.Id, rule.Definition.RuleSet.Id, rule.DemographicInputs), StringComparer.Ordinal);
        _procedures = compiled.Rules.Vocabulary.ConceptsOf("procedure")
            .ToFrozenDictionary<Concept, Concept, ProcedureInfo>(c => c, c => new ProcedureInfo(c.Id, c.Display, c.Codes), ReferenceEqualityComparer.Instance);
    }

    private static RuleReference SafetyRule { get; } = new(RedFlagSafetyRuleId, "Unexplained red flag: urgent evaluation before any elective procedure",
        "engine", "1.0.0", "(engine)",
        [new Citation("AHCPR", "AHCPR 1994 Acute Low Back Problems, Table 1 \"Red flags\"; SpineDecision safety invariant (CLINICAL.md §2.2)", "V", "https://www.ncbi.nlm.nih.gov/books/NBK52120")]);

    public RecommendationReport Build(PatientCase patientCase, List<object> facts, List<OutcomeFact> outcomes)
    {
        var explainer = new Explainer(_compiled);
        List<(Recommendation Item, Concept Procedure)>? recommendations = null;
        List<(OutcomeFact Fact, ActionPlan Plan)>? withholds = null;
        List<(OutcomeFact Fact, ActionPlan Plan)>? cautions = null;
        List<Alert>? alerts = null;
        List<InformationNeeded>? asks = null;

        foreach (var outcome in outcomes)
        {
            var plan = outcome.Plan;
            var info = Info(plan);
            switch (plan.Kind)
            {
                case ActionKind.Recommend:
                    (recommendations ??= []).Add((new Recommendation(
                        info.Procedure!, plan.Action.Definition.Intent!, plan.Action.Definition.Strength!, plan.Action.Approach?.Id,
                        new TargetSite(outcome.Values[0], outcome.Values[1], outcome.Values[2]), outcome.Text, info.Steps(outcome.Steps), [],
                        info.Rule, explainer.Explain(plan.Rule, outcome.Support)), plan.Action.Procedure!));
                    break;
                case ActionKind.Withhold:
                    (withholds ??= []).Add((outcome, plan));
                    break;
                case ActionKind.Caution:
                    (cautions ??= []).Add((outcome, plan));
                    break;
                case ActionKind.Alert:
                    (alerts ??= []).Add(new Alert(plan.Action.Definition.Category!, plan.Action.Definition.Severity!, outcome.Text, info.Steps(outcome.Steps),
                        info.Rule, explainer.Explain(plan.Rule, outcome.Support)));
                    break;
                case ActionKind.Ask:
                    (asks ??= []).Add(new InformationNeeded(plan.Action.Definition.Datum!, outcome.Text, info.Unlocks, info.Rule));
                    break;
            }
        }

        AddEngineRedFlagAlert(facts, ref alerts);

        // Precautions make a recommendation conditional.
        if (recommendations is not null && cautions is not null)
        {
            for (var i = 0; i < recommendations.Count; i++)
            {
                var (item, procedure) = recommendations[i];
                var precautions = Precautions(cautions, procedure);
                if (!precautions.IsEmpty)
                {
                    recommendations[i] = (item with { Strength = "conditional", Precautions = precautions }, procedure);
                }
            }
        }

        // Withhold beats recommend.
        List<WithheldProcedure>? withheld = null;
        HashSet<Recommendation>? blocked = null;
        foreach (var (fact, plan) in withholds ?? [])
        {
            List<Recommendation>? overrides = null;
            foreach (var (item, procedure) in recommendations ?? [])
            {
                if (Targets(plan, procedure))
                {
                    (overrides ??= []).Add(item);
                    (blocked ??= new(ReferenceEqualityComparer.Instance)).Add(item);
                }
            }

            (withheld ??= []).Add(new WithheldProcedure(Info(plan).Procedure, plan.Action.Definition.Group,
                plan.Action.Definition.Reason!, fact.Text, Info(plan).Rule, explainer.Explain(plan.Rule, fact.Support), Order(overrides)));
        }

        // A red flag beats everything elective.
        if (RedFlag(alerts) is { } redFlag)
        {
            List<Recommendation>? remaining = null;
            foreach (var (item, _) in recommendations ?? [])
            {
                if (blocked?.Contains(item) != true)
                {
                    (remaining ??= []).Add(item);
                }
            }

            foreach (var item in remaining ?? [])
            {
                (blocked ??= new(ReferenceEqualityComparer.Instance)).Add(item);
            }

            (withheld ??= []).Add(new WithheldProcedure(null, "elective", "red-flag",
                $"Every elective procedure is withheld until the red flag is evaluated: {redFlag.Text}", redFlag.Rule, redFlag.Explanation, Order(remaining)));
        }

        List<Recommendation>? final = null;
        foreach (var (item, _) in recommendations ?? [])
        {
            if (blocked?.Contains(item) != true)
            {
                (final ??= []).Add(item);
            }
        }

        return new RecommendationReport(
            patientCase.Id,
            patientCase.AssessmentDate,
            Order(final),
            DistinctSorted(withheld, static w => (w.Procedure?.Id, w.Group, w.Reason, w.Text, w.Rule.RuleId), CompareWithheld),
            DistinctSorted(alerts, static a => (a.Rule.RuleId, a.Text), CompareAlerts),
            DistinctSorted(asks, static a => (a.Datum, a.Rule.RuleId, a.Why), CompareAsks),
            Provenance(patientCase, outcomes, alerts));
    }

    private static readonly FieldDef RedFlagConcept = FactSchema.ListTypes["redFlag"].Fields["flag"];

    /// <summary>Safety by construction: an unexplained red flag in the case raises an alert even when no rule does.</summary>
    private static void AddEngineRedFlagAlert(List<object> facts, ref List<Alert>? alerts)
    {
        List<string>? unexplained = null;
        foreach (var fact in facts)
        {
            if (fact is ItemFact<RedFlagFinding> { Value.Explained: not true } flag)
            {
                var name = RedFlagConcept.Read(flag) as string ?? flag.Value.Text ?? "unknown";
                if (unexplained?.Contains(name) != true)
                {
                    (unexplained ??= []).Add(name);
                }
            }
        }

        if (unexplained is null || RedFlag(alerts) is not null)
        {
            return;
        }

        unexplained.Sort(StringComparer.Ordinal);
        var explanation = new Explanation(RedFlagSafetyRuleId, SafetyRule.Title, ["redFlag where explained is not true"],
            [.. unexplained.Select(f => new ExplanationFact("redFlag", $"flag={f}", null, []))]);
        (alerts ??= []).Add(new Alert("red-flag", "urgent", $"Unexplained red flag: {string.Join(", ", unexplained)}.",
            ["Urgent clinical evaluation and work-up before any elective spinal procedure."], SafetyRule, explanation));
    }

    /// <summary>The red-flag alert with the smallest rule id (the first such on a tie), if any.</summary>
    private static Alert? RedFlag(List<Alert>? alerts)
    {
        Alert? first = null;
        foreach (var alert in alerts ?? [])
        {
            if (alert.Category == "red-flag" && (first is null || string.CompareOrdinal(alert.Rule.RuleId, first.Rule.RuleId) < 0))
            {
                first = alert;
            }
        }

        return first;
    }

    /// <summary>The distinct texts of the precautions that target a procedure, in ordinal order.</summary>
    private static ImmutableArray<string> Precautions(List<(OutcomeFact Fact, ActionPlan Plan)> cautions, Concept procedure)
    {
        List<string>? texts = null;
        foreach (var (fact, plan) in cautions)
        {
            if (Targets(plan, procedure) && texts?.Contains(fact.Text) != true)
            {
                (texts ??= []).Add(fact.Text);
            }
        }

        if (texts is null)
        {
            return [];
        }

        texts.Sort(StringComparer.Ordinal);
        return [.. texts];
    }

    private static bool Targets(ActionPlan plan, Concept procedure) =>
        plan.Action.Procedure is { } p ? p.Id == procedure.Id : plan.Action.Definition.Group is { } g && (g == "elective" || procedure.Groups.Contains(g));

    private static ImmutableArray<Recommendation> Order(List<Recommendation>? items) =>
        DistinctSorted(items, static r => (r.Procedure.Id, r.Rule.RuleId, r.Rationale, r.Target), CompareRecommendations);

    private static int CompareRecommendations(Recommendation a, Recommendation b)
    {
        var c = string.CompareOrdinal(a.Procedure.Id, b.Procedure.Id);
        c = c != 0 ? c : string.CompareOrdinal(a.Rule.RuleId, b.Rule.RuleId);
        c = c != 0 ? c : string.CompareOrdinal(a.Target.Region, b.Target.Region);
        c = c != 0 ? c : string.CompareOrdinal(a.Target.Side, b.Target.Side);
        c = c != 0 ? c : string.CompareOrdinal(a.Target.Levels, b.Target.Levels);
        return c != 0 ? c : string.CompareOrdinal(a.Rationale, b.Rationale);
    }

    private static int CompareWithheld(WithheldProcedure a, WithheldProcedure b)
    {
        var c = (a.Reason == "red-flag" ? 0 : 1).CompareTo(b.Reason == "red-flag" ? 0 : 1);
        c = c != 0 ? c : string.CompareOrdinal(a.Procedure?.Id ?? a.Group, b.Procedure?.Id ?? b.Group);
        c = c != 0 ? c : string.CompareOrdinal(a.Rule.RuleId, b.Rule.RuleId);
        return c != 0 ? c : string.CompareOrdinal(a.Text, b.Text);
    }

    private static int CompareAlerts(Alert a, Alert b)
    {
        var c = SeverityRank(a.Severity).CompareTo(SeverityRank(b.Severity));
        c = c != 0 ? c : string.CompareOrdinal(a.Rule.RuleId, b.Rule.RuleId);
        return c != 0 ? c : string.CompareOrdinal(a.Text, b.Text);
    }

    private static int CompareAsks(InformationNeeded a, InformationNeeded b)
    {
        var c = string.CompareOrdinal(a.Datum, b.Datum);
        c = c != 0 ? c : string.CompareOrdinal(a.Rule.RuleId, b.Rule.RuleId);
        return c != 0 ? c : string.CompareOrdinal(a.Why, b.Why);
    }

    /// <summary>
    /// Exactly <c>items.DistinctBy(key).OrderBy(…).ThenBy(…)</c>: the first of equal keys wins, then a stable sort.
    /// Without LINQ for the usual handful of items: one pass of insertion sort into the result array.
    /// </summary>
    private static ImmutableArray<T> DistinctSorted<T, TKey>(List<T>? items, Func<T, TKey> key, Comparison<T> order)
    {
        if (items is null || items.Count == 0)
        {
            return [];
        }

        if (items.Count > SmallList)
        {
            return [.. items.DistinctBy(key).OrderBy(x => x, Comparer<T>.Create(order))];
        }

        var result = new T[items.Count];
        var count = 0;
        foreach (var item in items)
        {
            var k = key(item);
            var duplicate = false;
            for (var j = 0; j < count && !duplicate; j++)
            {
                duplicate = EqualityComparer<TKey>.Default.Equals(k, key(result[j]));
            }

            if (duplicate)
            {
                continue;
            }

            // Stable: after every element that does not sort after this one.
            var at = count++;
            while (at > 0 && order(result[at - 1], item) > 0)
            {
                result[at] = result[at - 1];
                at--;
            }

            result[at] = item;
        }

        if (count < result.Length)
        {
            Array.Resize(ref result, count);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static int SeverityRank(string severity) => severity switch
    {
        "emergency" => 0,
        "urgent" => 1,
        _ => 2,
    };

    private Provenance Provenance(PatientCase patientCase, List<OutcomeFact> outcomes, List<Alert>? alerts)
    {
        var rules = new List<RuleAttributes>(outcomes.Count + 1);
        foreach (var outcome in outcomes)
        {
            var attributes = _ruleAttributes[outcome.Plan.Rule.Id];
            if (!rules.Contains(attributes))
            {
                rules.Add(attributes);
            }
        }

        if (alerts?.Exists(a => a.Rule.RuleId == RedFlagSafetyRuleId) == true)
        {
            rules.Add(SafetyRuleAttributes);
        }

        return new Provenance(_compiled.ProfileId, _compiled.Rules.ContentHash, LibraryVersion, patientCase.AssessmentDate, _ruleSets,
            DistinctSorted(rules, static r => r, static (a, b) => string.CompareOrdinal(a.RuleId, b.RuleId)));
    }

    private PlanInfo Info(ActionPlan plan) => _plans.GetOrAdd(plan, static (p, self) => new PlanInfo(
        self._ruleReferences[p.Rule.Id],
        p.Action.Procedure is { } procedure ? self.ToProcedure(procedure) : null,
        p.Action.Unlocks.IsDefaultOrEmpty ? [] : [.. p.Action.Unlocks.Select(self.ToProcedure)],
        p.Steps.All(s => s.IsConstant) ? [.. p.Steps.Select(s => s.Render([]))] : null), this);

    private ProcedureInfo ToProcedure(Concept concept) =>
        _procedures.TryGetValue(concept, out var info) ? info : new(concept.Id, concept.Display, concept.Codes);

    private static Citation ToCitation(SourceDef source) => new(source.Id, source.Citation, source.Evidence, source.Url);

    /// <summary>What the report needs from one compiled action, built on its first use and shared by every report.</summary>
    /// <param name="Rule">The rule reference.</param>
    /// <param name="Procedure">The target procedure, when the action names one.</param>
    /// <param name="Unlocks">For an ask, what the datum would unlock.</param>
    /// <param name="ConstantSteps">The next steps, when no step reads a fact (the usual case).</param>
    private sealed record PlanInfo(RuleReference Rule, ProcedureInfo? Procedure, ImmutableArray<ProcedureInfo> Unlocks, ImmutableArray<string>? ConstantSteps)
    {
        public ImmutableArray<string> Steps(string[] rendered) => ConstantSteps ?? [.. rendered];
    }

    /// <summary>Builds derivation trees from the facts each activation matched; shared sub-trees are built once, and so
    /// are the explanations of two actions of one activation.</summary>
    private sealed class Explainer(CompiledRuleBase compiled)
    {
        private Dictionary<DerivedFact, Explanation>? _derived;
        private List<(CheckedRule Rule, object[] Support, Explanation Explanation)>? _built;

        public Explanation Explain(CheckedRule rule, object[] support)
        {
            foreach (var built in _built ?? [])
            {
                if (ReferenceEquals(built.Rule, rule) && SameFacts(built.Support, support))
                {
                    return built.Explanation;
                }
            }

            var facts = new ExplanationFact[support.Length];
            for (var i = 0; i < support.Length; i++)
            {
                facts[i] = Describe(rule, rule.Declarations[i], support[i]);
            }

            var explanation = new Explanation(rule.Id, rule.Definition.Title, rule.Criteria, ImmutableCollectionsMarshal.AsImmutableArray(facts));
            (_built ??= []).Add((rule, support, explanation));
            return explanation;
        }

        private static bool SameFacts(object[] a, object[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (!ReferenceEquals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private ExplanationFact Describe(CheckedRule rule, FactBinding binding, object fact)
        {
            switch (fact)
            {
                case CaseFact:
                    return new ExplanationFact("case", Fields(rule.CaseFieldsRead, fact), null, []);
                case DerivedFact derived:
                    {
                        _derived ??= new(ReferenceEqualityComparer.Instance);
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

        /// <summary><c>name=value, name=value</c> with <see cref="FieldDef.FormatValue"/>'s formats ("unknown" for
        /// null), written into one reused builder instead of a string per field.</summary>
        private static string Fields(ImmutableArray<FieldDef> fields, object fact)
        {
            var text = _text ??= new StringBuilder(256);
            text.Clear();
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                var field = fields[i];
                text.Append(field.Name).Append('=');
                switch (field.Read(fact))
                {
                    case null:
                        text.Append("unknown");
                        break;
                    case string s:
                        text.Append(s);
                        break;
                    case double d:
                        text.Append(CultureInfo.InvariantCulture, $"{d:0.##}");
                        break;
                    case bool b:
                        text.Append(b ? "true" : "false");
                        break;
                    case var value:
                        text.Append(FieldDef.FormatValue(value, field.Type));
                        break;
                }
            }

            var result = text.ToString();
            if (text.Capacity > 4096)
            {
                _text = null;
            }

            return result;
        }
    }
}
