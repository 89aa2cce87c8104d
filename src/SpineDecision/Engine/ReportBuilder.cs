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

    private const string NotIndicatedReason = "not-indicated";

    // Per-procedure state bits for the dispositions.
    private const int Recommended = 1;
    private const int Standing = 2;
    private const int PermanentlyWithheld = 4;
    private const int TemporarilyWithheld = 8;
    private const int MustAddress = 16;
    private const int GatingQuestion = 32;
    private const int SafetyQuestion = 64;

    private const int SmallList = 16;

    /// <summary>The deepest derivation tree a report shows, in rules (documented in rules/README.md); it keeps the
    /// report's JSON within the serializer's default depth of 64.</summary>
    internal const int MaxExplanationDepth = 10;

    private static readonly string LibraryVersion =
        typeof(ReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static readonly RuleAttributes SafetyRuleAttributes = new(RedFlagSafetyRuleId, "engine", []);

    [ThreadStatic]
    private static StringBuilder? _text;

    [ThreadStatic]
    private static Scratch? _scratch;

    private readonly CompiledRuleBase _compiled;
    private readonly ImmutableArray<RuleSetInfo> _ruleSets;
    private readonly FrozenDictionary<string, RuleReference> _ruleReferences;
    private readonly FrozenDictionary<string, RuleAttributes> _ruleAttributes;
    private readonly FrozenDictionary<Concept, ProcedureInfo> _procedures;
    private readonly ConcurrentDictionary<ActionPlan, PlanInfo> _plans = new(ReferenceEqualityComparer.Instance);
    private readonly PathwayMap _map;
    private readonly ImmutableArray<ProcedureInfo> _procedureInfos;
    private readonly WhyNotBuilder _whyNot;

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
        _map = new PathwayMap(compiled.Rules);
        var map = _map;
        _procedures = compiled.Rules.Vocabulary.ConceptsOf("procedure")
            .ToFrozenDictionary<Concept, Concept, ProcedureInfo>(c => c, c => new ProcedureInfo(c.Id, c.Display, c.Codes, map.PathwayOf(c)) { KindOf = c.KindOf }, ReferenceEqualityComparer.Instance);
        _procedureInfos = [.. _map.Procedures.Select(ToProcedure)];
        _whyNot = new WhyNotBuilder(compiled, _map, _ruleReferences, _procedureInfos);
    }

    private static RuleReference SafetyRule { get; } = new(RedFlagSafetyRuleId, "Unexplained red flag: urgent evaluation before any elective procedure",
        "engine", "1.0.0", "(engine)",
        [new Citation("AHCPR", "AHCPR 1994 Acute Low Back Problems, Table 1 \"Red flags\"; SpineDecision safety invariant (CLINICAL.md §2.2)", "V", "https://www.ncbi.nlm.nih.gov/books/NBK52120")]);

    public RecommendationReport Build(PatientCase patientCase, CaseFact facts, EvaluationRun run, EvaluationOptions options, ImmutableArray<Concept> requested)
    {
        // Working lists come from this thread's scratch, taken while in use; the report keeps only arrays copied from them.
        var scratch = _scratch ?? new Scratch();
        _scratch = null;
        var report = Build(patientCase, facts, run, options, requested, scratch);
        if (scratch.Release())
        {
            _scratch = scratch;
        }

        return report;
    }

    private RecommendationReport Build(PatientCase patientCase, CaseFact facts, EvaluationRun run, EvaluationOptions options, ImmutableArray<Concept> requested, Scratch scratch)
    {
        var outcomes = run.Outcomes;
        var explainer = scratch.Explainer.Start(_compiled);
        var considered = new bool[_map.Pathways.Length];
        List<(Recommendation Item, PlanInfo Info)>? recommendations = null;
        List<(OutcomeFact Fact, ActionPlan Plan)>? withholds = null;
        List<(Precaution Item, PlanInfo Info)>? cautions = null;
        List<Alert>? alerts = null;
        List<(OutcomeFact Fact, PlanInfo Info)>? asks = null;

        foreach (var outcome in outcomes)
        {
            var plan = outcome.Plan;
            var info = Info(plan);
            if (info.RulePathway >= 0 && !(plan.Kind == ActionKind.Withhold && plan.Action.Definition.Reason == NotIndicatedReason))
            {
                considered[info.RulePathway] = true;
            }

            switch (plan.Kind)
            {
                case ActionKind.Recommend:
                    (recommendations ??= scratch.Recommendations).Add((new Recommendation(
                        info.Procedure!, plan.Action.Definition.Intent!, plan.Action.Definition.Strength!, plan.Action.Approach?.Id,
                        new TargetSite(outcome.Values[0], outcome.Values[1], outcome.Values[2]), outcome.Text, info.Steps(outcome.Steps), [],
                        info.Rule, explainer.Explain(plan.Rule, outcome.Support)), info));
                    break;
                case ActionKind.Withhold:
                    (withholds ??= scratch.Withholds).Add((outcome, plan));
                    break;
                case ActionKind.Caution:
                    (cautions ??= scratch.Cautions).Add((new Precaution(plan.Action.Definition.Reason!, plan.Action.Definition.Severity!, outcome.Text,
                        info.Procedure, plan.Action.Definition.Group, info.Rule), info));
                    break;
                case ActionKind.Alert:
                    (alerts ??= scratch.Alerts).Add(new Alert(plan.Action.Definition.Category!, plan.Action.Definition.Severity!, outcome.Text, info.Steps(outcome.Steps),
                        info.Rule, explainer.Explain(plan.Rule, outcome.Support)));
                    break;
                case ActionKind.Ask:
                    (asks ??= scratch.Asks).Add((outcome, info));
                    break;
            }
        }

        foreach (var derived in run.Derived)
        {
            if (_map.DerivedPathway(derived.RuleId) is var pathway and >= 0)
            {
                considered[pathway] = true;
            }
        }

        foreach (var concept in requested)
        {
            if (_map.ProcedureIndex(concept) is var index and >= 0 && _map.ProcedurePathway[index] is var requestPathway and >= 0)
            {
                considered[requestPathway] = true;
            }
        }

        AddEngineRedFlagAlert(facts, ref alerts, scratch);

        // Precautions travel with the recommendations they target; only a must-address one makes it conditional.
        if (recommendations is not null && cautions is not null)
        {
            for (var i = 0; i < recommendations.Count; i++)
            {
                var (item, info) = recommendations[i];
                var precautions = PrecautionsFor(cautions, info.ProcedureIndex, scratch.Precautions, out var mustAddress);
                if (!precautions.IsEmpty)
                {
                    recommendations[i] = (item with { Strength = mustAddress ? Dispositions.Conditional : item.Strength, Precautions = precautions }, info);
                }
            }
        }

        var state = new int[_map.Procedures.Length];
        foreach (var (item, info) in recommendations ?? [])
        {
            state[info.ProcedureIndex] |= Recommended;
            if (_map.ProcedurePathway[info.ProcedureIndex] is var pathway and >= 0)
            {
                considered[pathway] = true;
            }
        }

        // Withhold beats recommend.
        List<WithheldProcedure>? withheld = null;
        HashSet<Recommendation>? blocked = null;
        foreach (var (fact, plan) in withholds ?? [])
        {
            var info = Info(plan);
            List<Recommendation>? overrides = null;
            foreach (var (item, recommended) in recommendations ?? [])
            {
                if (Contains(info.Targets, recommended.ProcedureIndex))
                {
                    (overrides ??= []).Add(item);
                    (blocked ??= new(ReferenceEqualityComparer.Instance)).Add(item);
                }
            }

            foreach (var target in info.Targets)
            {
                state[target] |= fact.Until is null ? PermanentlyWithheld : TemporarilyWithheld;
            }

            (withheld ??= scratch.Withheld).Add(new WithheldProcedure(info.Procedure, plan.Action.Definition.Group,
                plan.Action.Definition.Reason!, fact.Text, info.Rule, explainer.Explain(plan.Rule, fact.Support), Order(overrides), fact.Until));
        }

        // A red flag beats everything elective.
        var redFlag = RedFlag(alerts);
        if (redFlag is not null)
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

            (withheld ??= scratch.Withheld).Add(new WithheldProcedure(null, "elective", "red-flag",
                $"Every elective procedure is withheld until the red flag is evaluated: {redFlag.Text}", redFlag.Rule, redFlag.Explanation, Order(remaining)));
        }

        List<Recommendation>? final = null;
        foreach (var (item, info) in recommendations ?? [])
        {
            if (blocked?.Contains(item) != true)
            {
                (final ??= scratch.Final).Add(item);
                state[info.ProcedureIndex] |= Standing;
                if (item.Strength == Dispositions.Conditional)
                {
                    state[info.ProcedureIndex] |= MustAddress;
                }
            }
        }

        foreach (var (_, info) in asks ?? [])
        {
            foreach (var target in info.Targets)
            {
                state[target] |= Contains(info.Gated, target) ? GatingQuestion : SafetyQuestion;
            }
        }

        var decisions = new Decisions(this, scratch, state, considered, redFlag, recommendations, withholds, cautions, asks, alerts);
        var (disposition, reasons, pathways) = decisions.Overall();
        var request = Request(decisions, requested);

        List<InformationNeeded>? questions = null;
        foreach (var (fact, info) in asks ?? [])
        {
            (questions ??= scratch.Questions).Add(new InformationNeeded(fact.Plan.Action.Definition.Datum!, fact.Text, info.Unlocks, info.Rule, decisions.IsDecisive(info)));
        }

        return new RecommendationReport(
            patientCase.Id,
            patientCase.AssessmentDate,
            disposition,
            reasons,
            pathways,
            request,
            Order(final),
            DistinctSorted(withheld, static w => (w.Procedure?.Id, w.Group, w.Reason, w.Text, w.Rule.RuleId), CompareWithheld),
            DistinctSorted(Items(cautions, scratch.Precautions), static p => (p.Code, p.Procedure?.Id, p.Group, p.Text, p.Rule.RuleId), ComparePrecautions),
            DistinctSorted(alerts, static a => (a.Rule.RuleId, a.Text), CompareAlerts),
            DistinctSorted(questions, static a => (a.Datum, a.Rule.RuleId, a.Why), CompareAsks),
            options.Explain ? WhyNot(patientCase, facts, run, considered, state) : [],
            Provenance(patientCase, outcomes, alerts, scratch.Rules));
    }

    /// <summary>The precautions of <paramref name="cautions"/>, in <paramref name="into"/> (cleared first).</summary>
    private static List<Precaution>? Items(List<(Precaution Item, PlanInfo Info)>? cautions, List<Precaution> into)
    {
        if (cautions is null)
        {
            return null;
        }

        into.Clear();
        foreach (var (item, _) in cautions)
        {
            into.Add(item);
        }

        return into;
    }

    private ImmutableArray<WhyNot> WhyNot(PatientCase patientCase, CaseFact facts, EvaluationRun run, bool[] considered, int[] state)
    {
        var recommended = new bool[state.Length];
        for (var i = 0; i < state.Length; i++)
        {
            recommended[i] = (state[i] & Recommended) != 0;
        }

        return _whyNot.Build(patientCase, facts, run.Derived, considered, recommended);
    }

    /// <summary>The answer for the request. A code shared by several procedures is answered for the first reading (in
    /// id order) the report supports best, in the precedence pathways use (<see cref="Decisions.Rank"/>). Each reading
    /// is met by the procedure or one of its kinds (<see cref="Decisions.ForRequest"/>).</summary>
    private ProcedureDecision? Request(Decisions decisions, ImmutableArray<Concept> requested)
    {
        ProcedureDecision? best = null;
        foreach (var concept in requested)
        {
            if (_map.ProcedureIndex(concept) >= 0 && decisions.ForRequest(concept) is { } decision
                && (best is null || Decisions.Rank(decision.Disposition) < Decisions.Rank(best.Disposition)))
            {
                best = decision;
            }
        }

        return best;
    }

    private static readonly FieldDef RedFlagConcept = FactSchema.ListTypes["redFlag"].Fields["flag"];

    private static readonly int RedFlagList = FactSchema.Lists.IndexOf(FactSchema.Lists.Single(l => l.Type.Name == "redFlag"));

    /// <summary>Safety by construction: an unexplained red flag in the case raises an alert even when no rule does.</summary>
    private static void AddEngineRedFlagAlert(CaseFact facts, ref List<Alert>? alerts, Scratch scratch)
    {
        List<string>? unexplained = null;
        foreach (var fact in facts.Lists[RedFlagList])
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
        (alerts ??= scratch.Alerts).Add(new Alert("red-flag", "urgent", $"Unexplained red flag: {string.Join(", ", unexplained)}.",
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

    /// <summary>The distinct precautions that target a procedure, in report order.</summary>
    private static ImmutableArray<Precaution> PrecautionsFor(List<(Precaution Item, PlanInfo Info)> cautions, int procedure, List<Precaution> scratch, out bool mustAddress)
    {
        mustAddress = false;
        List<Precaution>? found = null;
        foreach (var (item, info) in cautions)
        {
            if (Contains(info.Targets, procedure))
            {
                (found ??= Cleared(scratch)).Add(item);
                mustAddress |= item.Severity == PrecautionSeverities.MustAddress;
            }
        }

        return DistinctSorted(found, static p => (p.Code, p.Procedure?.Id, p.Group, p.Text, p.Rule.RuleId), ComparePrecautions);
    }

    private static bool Contains(int[] items, int value) => Array.IndexOf(items, value) >= 0;

    private static List<T> Cleared<T>(List<T> list)
    {
        list.Clear();
        return list;
    }

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

    private static int ComparePrecautions(Precaution a, Precaution b)
    {
        var c = (a.Severity == PrecautionSeverities.MustAddress ? 0 : 1).CompareTo(b.Severity == PrecautionSeverities.MustAddress ? 0 : 1);
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

    private Provenance Provenance(PatientCase patientCase, List<OutcomeFact> outcomes, List<Alert>? alerts, List<RuleAttributes> rules)
    {
        rules.Clear();
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
        p.Steps.All(s => s.IsConstant) ? [.. p.Steps.Select(s => s.Render([]))] : null)
    {
        ProcedureIndex = p.Action.Procedure is { } target ? self._map.ProcedureIndex(target) : -1,
        Targets = p.Kind is ActionKind.Derive or ActionKind.Alert ? [] : self._map.Targets(p.Action),
        Gated = p.Kind == ActionKind.Ask ? self._map.Gated(p.Action) : [],
        RulePathway = self._map.RulePathway(p.Rule),
    }, this);

    private ProcedureInfo ToProcedure(Concept concept) =>
        _procedures.TryGetValue(concept, out var info) ? info : new(concept.Id, concept.Display, concept.Codes, _map.PathwayOf(concept)) { KindOf = concept.KindOf };

    private static Citation ToCitation(SourceDef source) => new(source.Id, source.Citation, source.Evidence, source.Url);

    /// <summary>What the report needs from one compiled action, built on its first use and shared by every report.</summary>
    /// <param name="Rule">The rule reference.</param>
    /// <param name="Procedure">The target procedure, when the action names one.</param>
    /// <param name="Unlocks">For an ask, what the datum would unlock.</param>
    /// <param name="ConstantSteps">The next steps, when no step reads a fact (the usual case).</param>
    private sealed record PlanInfo(RuleReference Rule, ProcedureInfo? Procedure, ImmutableArray<ProcedureInfo> Unlocks, ImmutableArray<string>? ConstantSteps)
    {
        /// <summary>The named procedure's index (<see cref="PathwayMap.Procedures"/>), or -1.</summary>
        public int ProcedureIndex { get; init; }

        /// <summary>The procedures a recommend, withhold or caution targets, or a question unlocks.</summary>
        public required int[] Targets { get; init; }

        /// <summary>For a question: the unlocked procedures whose recommending rules read its datum.</summary>
        public required int[] Gated { get; init; }

        /// <summary>The pathway of the rule's rule set, or -1 (cross-cutting).</summary>
        public int RulePathway { get; init; }

        public ImmutableArray<string> Steps(string[] rendered) => ConstantSteps ?? [.. rendered];
    }

    /// <summary>
    /// The working lists of one report, reused by the next report built on the same thread (taken while in use, so a
    /// nested or failed build never shares them): only the arrays copied from them stay in the report.
    /// </summary>
    private sealed class Scratch
    {
        /// <summary>A list grown beyond this many items (a very large rule base) is not kept for the next report.</summary>
        public const int MaxKept = 256;

        public List<(Recommendation Item, PlanInfo Info)> Recommendations { get; } = [];

        public List<(OutcomeFact Fact, ActionPlan Plan)> Withholds { get; } = [];

        public List<(Precaution Item, PlanInfo Info)> Cautions { get; } = [];

        public List<(OutcomeFact Fact, PlanInfo Info)> Asks { get; } = [];

        public List<Alert> Alerts { get; } = [];

        public List<WithheldProcedure> Withheld { get; } = [];

        public List<Recommendation> Final { get; } = [];

        public List<InformationNeeded> Questions { get; } = [];

        public List<Precaution> Precautions { get; } = [];

        public List<DecisionReason> Reasons { get; } = [];

        public List<PathwayDecision> Pathways { get; } = [];

        public List<RuleAttributes> Rules { get; } = [];

        public Explainer Explainer { get; } = new();

        /// <summary>Empties every list (the report must not be kept alive by them); whether this scratch is small enough to keep.</summary>
        public bool Release()
        {
            var small = Explainer.Clear();
            small &= Release(Recommendations) & Release(Withholds) & Release(Cautions) & Release(Asks) & Release(Alerts) & Release(Withheld);
            small &= Release(Final) & Release(Questions) & Release(Precautions) & Release(Reasons) & Release(Pathways) & Release(Rules);
            return small;
        }

        private static bool Release<T>(List<T> list)
        {
            list.Clear();
            return list.Capacity <= MaxKept;
        }
    }

    /// <summary>
    /// The dispositions of one report, from the per-procedure state (see <see cref="Dispositions"/> for the precedence).
    /// Runs once per evaluation over arrays of a few procedures; no LINQ, no dictionaries.
    /// </summary>
    private readonly struct Decisions(
        ReportBuilder owner,
        Scratch scratch,
        int[] state,
        bool[] considered,
        Alert? redFlag,
        List<(Recommendation Item, PlanInfo Info)>? recommendations,
        List<(OutcomeFact Fact, ActionPlan Plan)>? withholds,
        List<(Precaution Item, PlanInfo Info)>? cautions,
        List<(OutcomeFact Fact, PlanInfo Info)>? asks,
        List<Alert>? alerts)
    {
        /// <summary>Within a pathway the most actionable procedure decides.</summary>
        private static readonly string[] PathwayOrder =
            [Dispositions.UrgentEvaluation, Dispositions.Proceed, Dispositions.Conditional, Dispositions.Defer, Dispositions.InformationNeeded, Dispositions.NotIndicated];

        /// <summary>A disposition's precedence: lower decides (urgent evaluation first, not indicated last).</summary>
        public static int Rank(string disposition) => Array.IndexOf(PathwayOrder, disposition);

        /// <summary>At the top, the pathway with the highest precedence decides.</summary>
        private static readonly string[] TopOrder =
            [Dispositions.UrgentEvaluation, Dispositions.Defer, Dispositions.Conditional, Dispositions.Proceed, Dispositions.InformationNeeded, Dispositions.NotIndicated];

        private readonly PathwayMap _map = owner._map;

        public (string Disposition, ImmutableArray<DecisionReason> Reasons, ImmutableArray<PathwayDecision> Pathways) Overall()
        {
            List<PathwayDecision>? pathways = null;
            string? top = null;
            for (var w = 0; w < _map.Pathways.Length; w++)
            {
                if (!considered[w])
                {
                    continue;
                }

                var disposition = PathwayDisposition(w);
                var reasons = Cleared(scratch.Reasons);
                var preferWithheld = disposition == Dispositions.NotIndicated && AnyPermanentWithhold(w);
                for (var i = 0; i < _map.Procedures.Length; i++)
                {
                    if (_map.ProcedurePathway[i] == w && Disposition(i) == disposition)
                    {
                        AddReasons(i, disposition, reasons, preferWithheld);
                    }
                }

                var pathway = _map.Pathways[w];
                (pathways ??= scratch.Pathways).Add(new PathwayDecision(pathway.Id, pathway.Display, disposition, Sorted(reasons)));
                if (top is null || Array.IndexOf(TopOrder, disposition) < Array.IndexOf(TopOrder, top))
                {
                    top = disposition;
                }
            }

            var all = DistinctSorted(pathways, static p => p.Pathway, static (a, b) => string.CompareOrdinal(a.Pathway, b.Pathway));
            if (top is null)
            {
                return NothingConsidered(all);
            }

            var topReasons = Cleared(scratch.Reasons);
            foreach (var pathway in all)
            {
                if (pathway.Disposition == top)
                {
                    topReasons.AddRange(pathway.Reasons);
                }
            }

            return (top, Sorted(topReasons), all);
        }

        /// <summary>The answer to a request: a request for a procedure is met by it or by one of its kinds (a request for
        /// RFA by a repeat RFA), so the most actionable of them answers, the requested procedure itself on a tie.</summary>
        public ProcedureDecision ForRequest(Concept requested)
        {
            var best = -1;
            foreach (var candidate in _map.WithKinds(requested))
            {
                if (best < 0 || Rank(Disposition(candidate)) < Rank(Disposition(best)))
                {
                    best = candidate;
                }
            }

            return ForProcedure(best);
        }

        private ProcedureDecision ForProcedure(int procedure)
        {
            var disposition = Disposition(procedure);
            var reasons = Cleared(scratch.Reasons);
            AddReasons(procedure, disposition, reasons, preferWithheld: false);
            var pathway = _map.ProcedurePathway[procedure];
            return new ProcedureDecision(owner._procedureInfos[procedure], pathway >= 0 ? _map.Pathways[pathway].Id : null, disposition, Sorted(reasons));
        }

        /// <summary>Whether a question counted towards a disposition: it could make a procedure of a considered pathway
        /// recommended, or it is open about a recommended one; with nothing considered, every question counts.</summary>
        public bool IsDecisive(PlanInfo question)
        {
            if (redFlag is not null)
            {
                return false;
            }

            if (Array.IndexOf(considered, true) < 0)
            {
                return true;
            }

            foreach (var target in question.Targets)
            {
                if (_map.ProcedurePathway[target] is var w and >= 0 && considered[w] && Disposition(target) == Dispositions.InformationNeeded &&
                    Counts(question, target))
                {
                    return true;
                }
            }

            return false;
        }

        private (string, ImmutableArray<DecisionReason>, ImmutableArray<PathwayDecision>) NothingConsidered(ImmutableArray<PathwayDecision> pathways)
        {
            var reasons = Cleared(scratch.Reasons);
            if (redFlag is not null)
            {
                AddRedFlags(reasons);
                return (Dispositions.UrgentEvaluation, Sorted(reasons), pathways);
            }

            foreach (var (fact, info) in asks ?? [])
            {
                reasons.Add(Question(fact, info, null));
            }

            if (reasons.Count > 0)
            {
                return (Dispositions.InformationNeeded, Sorted(reasons), pathways);
            }

            reasons.Add(new DecisionReason("not-recommended", "The case does not enter any procedure pathway: no pathway's entry criteria are met.", null, null));
            return (Dispositions.NotIndicated, [.. reasons], pathways);
        }

        private string Disposition(int procedure)
        {
            if (redFlag is not null)
            {
                return Dispositions.UrgentEvaluation;
            }

            var s = state[procedure];
            if ((s & PermanentlyWithheld) != 0)
            {
                return Dispositions.NotIndicated;
            }

            if ((s & (TemporarilyWithheld | Recommended)) == (TemporarilyWithheld | Recommended))
            {
                return Dispositions.Defer;
            }

            if ((s & Standing) != 0)
            {
                return (s & (GatingQuestion | SafetyQuestion)) != 0 ? Dispositions.InformationNeeded
                    : (s & MustAddress) != 0 ? Dispositions.Conditional : Dispositions.Proceed;
            }

            return (s & (GatingQuestion | Recommended)) == GatingQuestion ? Dispositions.InformationNeeded : Dispositions.NotIndicated;
        }

        private string PathwayDisposition(int pathway)
        {
            var best = PathwayOrder.Length - 1;
            for (var i = 0; i < _map.Procedures.Length; i++)
            {
                if (_map.ProcedurePathway[i] == pathway)
                {
                    best = Math.Min(best, Rank(Disposition(i)));
                }
            }

            return PathwayOrder[best];
        }

        private bool AnyPermanentWithhold(int pathway)
        {
            for (var i = 0; i < _map.Procedures.Length; i++)
            {
                if (_map.ProcedurePathway[i] == pathway && (state[i] & PermanentlyWithheld) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private bool Counts(PlanInfo question, int procedure) =>
            (state[procedure] & Standing) != 0 || Contains(question.Gated, procedure);

        private void AddReasons(int procedure, string disposition, List<DecisionReason> into, bool preferWithheld)
        {
            var info = owner._procedureInfos[procedure];
            switch (disposition)
            {
                case Dispositions.UrgentEvaluation:
                    AddRedFlags(into);
                    break;
                case Dispositions.NotIndicated:
                    var withheld = AddWithholds(procedure, info, temporary: false, into);
                    if (!withheld && !preferWithheld)
                    {
                        into.Add(new DecisionReason("not-recommended", $"No rule recommends {info.Display} for this case.", info, null));
                    }

                    break;
                case Dispositions.Defer:
                    AddWithholds(procedure, info, temporary: true, into);
                    break;
                case Dispositions.Proceed or Dispositions.Conditional:
                    foreach (var (item, recommended) in recommendations ?? [])
                    {
                        if (recommended.ProcedureIndex == procedure)
                        {
                            into.Add(new DecisionReason("recommended", item.Rationale, info, item.Rule));
                        }
                    }

                    foreach (var (precaution, caution) in cautions ?? [])
                    {
                        if (disposition == Dispositions.Conditional && precaution.Severity == PrecautionSeverities.MustAddress && Contains(caution.Targets, procedure))
                        {
                            into.Add(new DecisionReason("precaution", precaution.Text, info, precaution.Rule));
                        }
                    }

                    break;
                default:
                    foreach (var (fact, question) in asks ?? [])
                    {
                        if (Contains(question.Targets, procedure) && Counts(question, procedure))
                        {
                            into.Add(Question(fact, question, info));
                        }
                    }

                    break;
            }
        }

        private bool AddWithholds(int procedure, ProcedureInfo info, bool temporary, List<DecisionReason> into)
        {
            var any = false;
            foreach (var (fact, plan) in withholds ?? [])
            {
                var withhold = owner.Info(plan);
                if ((fact.Until is not null) == temporary && Contains(withhold.Targets, procedure))
                {
                    into.Add(temporary
                        ? new DecisionReason("temporary-withhold", $"{fact.Text} Reassess {fact.Until}.", info, withhold.Rule)
                        : new DecisionReason("withheld", fact.Text, info, withhold.Rule));
                    any = true;
                }
            }

            return any;
        }

        private void AddRedFlags(List<DecisionReason> into)
        {
            foreach (var alert in alerts ?? [])
            {
                if (alert.Category == "red-flag")
                {
                    into.Add(new DecisionReason("red-flag", alert.Text, null, alert.Rule));
                }
            }
        }

        private static DecisionReason Question(OutcomeFact fact, PlanInfo question, ProcedureInfo? procedure) =>
            new("information-needed", $"{fact.Plan.Action.Definition.Datum}: {fact.Text}", procedure, question.Rule);

        private static ImmutableArray<DecisionReason> Sorted(List<DecisionReason> reasons) =>
            DistinctSorted(reasons, static r => (r.Kind, r.Text, r.Procedure?.Id, r.Rule?.RuleId), static (a, b) =>
            {
                var c = string.CompareOrdinal(a.Procedure?.Id, b.Procedure?.Id);
                c = c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
                c = c != 0 ? c : string.CompareOrdinal(a.Rule?.RuleId, b.Rule?.RuleId);
                return c != 0 ? c : string.CompareOrdinal(a.Text, b.Text);
            });
    }

    /// <summary>Builds derivation trees from the facts each activation matched; shared sub-trees are built once, and so
    /// are the explanations of two actions of one activation.</summary>
    /// <remarks>A derivation tree is at most <see cref="MaxExplanationDepth"/> rules deep: a rule set that derives a
    /// conclusion from itself can chain thousands of firings, and neither the stack nor the JSON writer may follow it
    /// that far. Below the limit the deriving rule is still named, without the facts it matched.</remarks>
    private sealed class Explainer
    {
        private readonly Dictionary<DerivedFact, (Explanation Explanation, int Height)> _derived = new(ReferenceEqualityComparer.Instance);
        private readonly List<(CheckedRule Rule, object[] Support, Explanation Explanation, int Height)> _built = [];
        private CompiledRuleBase _compiled = null!;

        /// <summary>Starts one report's explanations (reused from report to report on a thread, see <see cref="Scratch"/>).</summary>
        public Explainer Start(CompiledRuleBase rules)
        {
            _compiled = rules;
            Clear();
            return this;
        }

        /// <summary>Forgets the report's explanations; whether the memory is small enough to keep for the next report.</summary>
        public bool Clear()
        {
            var small = _built.Capacity <= Scratch.MaxKept && _derived.Count <= Scratch.MaxKept;
            _built.Clear();
            _derived.Clear();
            return small;
        }

        public Explanation Explain(CheckedRule rule, object[] support) => Explain(rule, support, MaxExplanationDepth).Explanation;

        /// <summary>The explanation and its height (levels of rules), at most <paramref name="budget"/>.</summary>
        private (Explanation Explanation, int Height) Explain(CheckedRule rule, object[] support, int budget)
        {
            foreach (var built in _built)
            {
                if (ReferenceEquals(built.Rule, rule) && SameFacts(built.Support, support) && built.Height <= budget)
                {
                    return (built.Explanation, built.Height);
                }
            }

            if (budget <= 1)
            {
                return (new Explanation(rule.Id, rule.Definition.Title, rule.Criteria, []), 1);
            }

            var facts = new ExplanationFact[support.Length];
            var below = 0;
            for (var i = 0; i < support.Length; i++)
            {
                facts[i] = Describe(rule, rule.Declarations[i], support[i], budget - 1, out var height);
                below = Math.Max(below, height);
            }

            var explanation = new Explanation(rule.Id, rule.Definition.Title, rule.Criteria, ImmutableCollectionsMarshal.AsImmutableArray(facts));
            _built.Add((rule, support, explanation, below + 1));
            return (explanation, below + 1);
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

        /// <summary>One matched fact; <paramref name="height"/> is the height of the derivation under it (0 for case facts).</summary>
        private ExplanationFact Describe(CheckedRule rule, FactBinding binding, object fact, int budget, out int height)
        {
            height = 0;
            switch (fact)
            {
                case CaseFact:
                    return new ExplanationFact("case", Fields(rule.CaseFieldsRead, fact), null, []);
                case DerivedFact derived:
                    {
                        if (!_derived.TryGetValue(derived, out var by) || by.Height > budget)
                        {
                            by = Explain(_compiled.RulesById[derived.RuleId], derived.Support, budget);
                            _derived[derived] = by;
                        }

                        height = by.Height;
                        var type = _compiled.Rules.Conclusions[derived.ConclusionId];
                        return new ExplanationFact(derived.ConclusionId, Fields(type.OrderedFields, fact), by.Explanation, []);
                    }

                case System.Collections.IEnumerable collection:
                    {
                        var items = ImmutableArray.CreateBuilder<ExplanationFact>();
                        foreach (var item in collection)
                        {
                            items.Add(Describe(rule, new FactBinding(binding.Name, binding.Type, BindingKind.Match), item, budget, out var itemHeight));
                            height = Math.Max(height, itemHeight);
                        }

                        return new ExplanationFact("count", $"{items.Count} {binding.Type.Name} fact(s) counted as '{binding.Name}'", null, items.ToImmutable());
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
