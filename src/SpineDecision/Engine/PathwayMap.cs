using System.Collections.Frozen;
using System.Collections.Immutable;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;

namespace SpineDecision.Engine;

/// <summary>
/// Which pathway each procedure and rule belongs to, and which questions can change which answer: everything the
/// dispositions need that depends on the rules alone, derived once per engine from the data.
/// </summary>
/// <remarks>
/// Pathways are the concepts of the vocabulary set <c>pathway</c>; a pathway's <c>groups</c> name the procedure
/// groups it is made of, so a procedure belongs to the first pathway (in id order) that shares a group with it. A
/// rule set belongs to the pathway of the procedures its rules recommend (cross-cutting rule sets recommend none).
/// A question (<c>ask</c>) can make a procedure recommended only when its datum is read, directly or through a
/// conclusion, by a rule that recommends that procedure: it "gates" it. Any other question (a medication list, a
/// red-flag screen) can only add a condition or a withhold to a recommended procedure.
/// </remarks>
internal sealed class PathwayMap
{
    public const string PathwaySet = "pathway";

    private readonly FrozenDictionary<string, int> _procedureIndex;
    private readonly FrozenDictionary<string, int> _rulePathway;
    private readonly FrozenDictionary<string, ImmutableArray<CheckedRule>> _derivers;
    private readonly FrozenDictionary<string, ImmutableArray<CheckedRule>> _recommenders;
    private readonly Dictionary<string, FrozenSet<string>> _datumsRead = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Vocabulary _vocabulary;

    public PathwayMap(CheckedRuleBase rules)
    {
        _vocabulary = rules.Vocabulary;
        Procedures = [.. rules.Vocabulary.ConceptsOf("procedure")];
        Pathways = [.. rules.Vocabulary.ConceptsOf(PathwaySet)];
        _procedureIndex = Procedures.Select((c, i) => (c.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        ProcedurePathway = new int[Procedures.Length];
        for (var i = 0; i < ProcedurePathway.Length; i++)
        {
            ProcedurePathway[i] = Pathways.IndexOf(Pathways.FirstOrDefault(w => w.Groups.Any(Procedures[i].Groups.Contains))!);
        }

        var recommended = rules.Rules.SelectMany(r => r.Actions.Where(a => a.Definition.Kind == ActionKind.Recommend && a.Procedure is not null)
            .Select(a => (Rule: r, Procedure: a.Procedure!))).ToList();
        var setPathway = recommended.GroupBy(x => x.Rule.Definition.RuleSet.Id, StringComparer.Ordinal)
            .Select(g => (Set: g.Key, Pathways: g.Select(x => ProcedurePathway[_procedureIndex[x.Procedure.Id]]).Distinct().ToList()))
            .Where(x => x.Pathways.Count == 1 && x.Pathways[0] >= 0)
            .ToDictionary(x => x.Set, x => x.Pathways[0], StringComparer.Ordinal);
        _rulePathway = rules.Rules.Where(r => setPathway.ContainsKey(r.Definition.RuleSet.Id))
            .ToFrozenDictionary(r => r.Id, r => setPathway[r.Definition.RuleSet.Id], StringComparer.Ordinal);
        DerivingRules = [.. rules.Rules.Where(r => _rulePathway.ContainsKey(r.Id) && r.Actions.Any(a => a.Definition.Kind == ActionKind.Derive))
            .Select(r => (r.Id, _rulePathway[r.Id]))];
        _derivers = rules.Rules.SelectMany(r => r.Actions.Where(a => a.Conclusion is not null).Select(a => (Rule: r, Conclusion: a.Conclusion!.Name)))
            .GroupBy(x => x.Conclusion, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Rule).Distinct().ToImmutableArray(), StringComparer.Ordinal);
        _recommenders = recommended.GroupBy(x => x.Procedure.Id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Rule).Distinct().OrderBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>Procedure concepts in id order; a procedure's index is its position here.</summary>
    public ImmutableArray<Concept> Procedures { get; }

    /// <summary>Pathway concepts in id order.</summary>
    public ImmutableArray<Concept> Pathways { get; }

    /// <summary>Per procedure index, its pathway index, or -1.</summary>
    public int[] ProcedurePathway { get; }

    /// <summary>The rules that derive a conclusion and belong to a pathway: a derived fact makes its pathway considered.
    /// An array scanned by rule id (a handful of entries), so the per-evaluation path needs no dictionary.</summary>
    public (string RuleId, int Pathway)[] DerivingRules { get; }

    public int ProcedureIndex(Concept procedure) => _procedureIndex.TryGetValue(procedure.Id, out var i) ? i : -1;

    /// <summary>The id of the pathway a procedure belongs to, or <see langword="null"/>.</summary>
    public string? PathwayOf(Concept procedure) =>
        _procedureIndex.TryGetValue(procedure.Id, out var index) && ProcedurePathway[index] is >= 0 and var pathway ? Pathways[pathway].Id : null;

    public int RulePathway(CheckedRule rule) => _rulePathway.TryGetValue(rule.Id, out var p) ? p : -1;

    /// <summary>The pathway of the rule that derived a conclusion, or -1.</summary>
    public int DerivedPathway(string ruleId)
    {
        foreach (var (id, pathway) in DerivingRules)
        {
            if (ReferenceEquals(id, ruleId) || string.Equals(id, ruleId, StringComparison.Ordinal))
            {
                return pathway;
            }
        }

        return -1;
    }

    /// <summary>The rules that recommend a procedure, in id order.</summary>
    public ImmutableArray<CheckedRule> Recommenders(Concept procedure) =>
        _recommenders.TryGetValue(procedure.Id, out var rules) ? rules : [];

    /// <summary>The rules that derive a conclusion.</summary>
    public ImmutableArray<CheckedRule> Derivers(string conclusion) =>
        _derivers.TryGetValue(conclusion, out var rules) ? rules : [];

    /// <summary>The procedure and its kinds (vocabulary <c>kindOf</c>), as indices: what naming it in an action targets.</summary>
    public IEnumerable<int> WithKinds(Concept procedure) =>
        _vocabulary.WithKinds(procedure.Set, procedure.Id).Select(id => _procedureIndex.TryGetValue(id, out var i) ? i : -1).Where(i => i >= 0);

    /// <summary>The procedure indices an action targets: the named procedure and its kinds, or every procedure of the
    /// named group (<c>elective</c> is every procedure; a kind has its parent's groups), or for a question the procedures
    /// it unlocks and their kinds.</summary>
    public int[] Targets(CheckedAction action)
    {
        if (action.Definition.Kind == ActionKind.Ask)
        {
            return [.. action.Unlocks.SelectMany(WithKinds).Distinct().Order()];
        }

        if (action.Procedure is { } procedure)
        {
            return [.. WithKinds(procedure).Distinct().Order()];
        }

        var group = action.Definition.Group;
        return [.. Enumerable.Range(0, Procedures.Length).Where(i => group == "elective" || (group is not null && Procedures[i].Groups.Contains(group)))];
    }

    /// <summary>Of the procedures a question unlocks, those whose recommending rules read its datum.</summary>
    public int[] Gated(CheckedAction ask)
    {
        var datum = ask.Definition.Datum ?? string.Empty;
        return [.. ask.Unlocks.SelectMany(WithKinds).Where(i => Recommenders(Procedures[i]).Any(r => DatumsRead(r).Contains(datum))).Distinct().Order()];
    }

    /// <summary>Every datum a rule reads, as an <c>ask</c> names it (<c>pain.nrs</c>, <c>therapy</c>,
    /// <c>procedure.reliefPercent</c>), including through the rules that derive the conclusions it matches.</summary>
    private FrozenSet<string> DatumsRead(CheckedRule rule)
    {
        lock (_lock)
        {
            return DatumsRead(rule, []);
        }
    }

    private FrozenSet<string> DatumsRead(CheckedRule rule, HashSet<string> visiting)
    {
        if (_datumsRead.TryGetValue(rule.Id, out var known))
        {
            return known;
        }

        if (!visiting.Add(rule.Id))
        {
            return FrozenSet<string>.Empty;
        }

        var datums = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in rule.Conditions)
        {
            Collect(condition, datums, visiting);
        }

        // A conclusion's attributes carry case data to the rules that match it (the side of radicular pain).
        foreach (var value in rule.Actions.SelectMany(a => a.ConclusionValues.IsDefault ? [] : a.ConclusionValues).OfType<Bound>())
        {
            Collect(value, datums);
        }

        var result = datums.ToFrozenSet(StringComparer.Ordinal);
        _datumsRead[rule.Id] = result;
        return result;
    }

    private void Collect(CheckedCondition condition, HashSet<string> datums, HashSet<string> visiting)
    {
        switch (condition)
        {
            case CheckedCheck check:
                Collect(check.Expression, datums);
                break;
            case CheckedAny any:
                foreach (var alternative in any.Alternatives)
                {
                    Collect(alternative, datums, visiting);
                }

                break;
            case CheckedPattern pattern:
                datums.Add(pattern.Fact.Type.Name);
                foreach (var bound in pattern.Conjuncts.Append(pattern.AtLeast).Append(pattern.AtMost).OfType<Bound>())
                {
                    Collect(bound, datums);
                }

                if (pattern.Fact.Type.ConclusionId is { } conclusion)
                {
                    foreach (var deriver in Derivers(conclusion))
                    {
                        datums.UnionWith(DatumsRead(deriver, visiting));
                    }
                }

                break;
        }
    }

    private static void Collect(Bound bound, HashSet<string> datums)
    {
        if (bound is BoundField field)
        {
            datums.Add(field.Binding.Kind == BindingKind.Case ? field.Field.Name : $"{field.Binding.Type.Name}.{field.Field.Name}");
        }

        foreach (var child in bound.Children)
        {
            Collect(child, datums);
        }
    }
}
