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

    /// <summary>The facts a session needs, in the order they are inserted: the case fact, then the items of the lists
    /// some rule still matches through a Rete pattern, list by list (the other list conditions are folded onto the case
    /// fact, see <see cref="ListTest"/>). One array of exactly that length.</summary>
    public object[] Inserted(CaseFact caseFact)
    {
        var inserted = new object[Count(caseFact)];
        Fill(caseFact, inserted, 0);
        return inserted;
    }

    /// <summary>The facts of several cases sharing a session, case after case, in one array of exactly that length.</summary>
    public object[] Inserted(IReadOnlyList<CaseFact> cases)
    {
        var count = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            count += Count(cases[i]);
        }

        var inserted = new object[count];
        for (int i = 0, at = 0; i < cases.Count; i++)
        {
            at = Fill(cases[i], inserted, at);
        }

        return inserted;
    }

    private int Count(CaseFact caseFact)
    {
        var count = 1;
        foreach (var items in caseFact.Lists)
        {
            foreach (var item in items)
            {
                count += Needed(item) ? 1 : 0;
            }
        }

        return count;
    }

    private int Fill(CaseFact caseFact, object[] inserted, int at)
    {
        inserted[at++] = caseFact;
        foreach (var items in caseFact.Lists)
        {
            foreach (var item in items)
            {
                if (Needed(item))
                {
                    inserted[at++] = item;
                }
            }
        }

        return at;
    }

    private bool Needed(object item) => MatchedListTypes.Contains(item.GetType());
}
