using System.Collections.Frozen;
using System.Collections.Immutable;
using NRules;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;

namespace SpineDecision.Compilation;

/// <summary>The checked rules compiled for one profile: an immutable, thread-safe NRules session factory.</summary>
internal sealed record CompiledRuleBase(
    CheckedRuleBase Rules,
    ProfileDef? Profile,
    string ProfileId,
    FrozenDictionary<string, object> ParameterValues,
    ISessionFactory SessionFactory,
    FrozenDictionary<string, CheckedRule> RulesById,
    ImmutableArray<string> RulesImpossibleUnderProfile,
    FrozenSet<Type> MatchedListTypes)
{
    /// <summary>The same rules for sessions holding several cases, every fact joined on its case (<see cref="CaseKey"/>);
    /// compiled on first use.</summary>
    public required Lazy<ISessionFactory> BatchSessionFactory { get; init; }

    /// <summary>The facts a session needs: the case fact, and the items of lists some rule still matches through a
    /// Rete pattern (the other list conditions are folded onto the case fact, see <see cref="ListTest"/>).</summary>
    public List<object> Inserted(List<object> facts)
    {
        var kept = 0;
        while (kept < facts.Count && Needed(facts[kept]))
        {
            kept++;
        }

        if (kept == facts.Count)
        {
            return facts;
        }

        var inserted = facts.GetRange(0, kept);
        for (var i = kept + 1; i < facts.Count; i++)
        {
            if (Needed(facts[i]))
            {
                inserted.Add(facts[i]);
            }
        }

        return inserted;
    }

    private bool Needed(object fact) => fact is not IItemFact || MatchedListTypes.Contains(fact.GetType());
}
