using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Language.Model;

namespace SpineDecision.Facts;

/// <summary>
/// Turns a validated case into the facts the Rete network matches, following <see cref="FactSchema"/>'s plans.
/// Concept values written as codes (<c>ICD10CM:M51.16</c>) become concept ids here, once, so conditions compare
/// plain strings; a code no concept claims stays as written, so no rule matches it. The case fact also holds each
/// list's item facts (<see cref="CaseFact.Lists"/>), for the list conditions compiled onto it and for the
/// list facts a session still matches.
/// </summary>
internal static class CaseFactBuilder
{
    /// <summary>The case fact, holding every list's item facts in <see cref="CaseFact.Lists"/>: each list is one array
    /// of exactly its length, built without an intermediate list (the session's facts are taken from it, see
    /// <c>CompiledRuleBase.Inserted</c>).</summary>
    public static CaseFact Build(PatientCase c, Vocabulary vocabulary)
    {
        var caseFact = new CaseFact(ProblemList.Bridged(c, vocabulary), Slots(FactSchema.CaseSlots));
        Fill(caseFact, vocabulary);
        return caseFact;
    }

    /// <summary>Derives the case fact's concepts and list items again after its <see cref="CaseFact.Value"/> changed
    /// (a session that updates the case fact then sees the new lists).</summary>
    public static void Refresh(CaseFact caseFact, Vocabulary vocabulary)
    {
        caseFact.Value = ProblemList.Bridged(caseFact.Value, vocabulary);
        Fill(caseFact, vocabulary);
    }

    private static void Fill(CaseFact caseFact, Vocabulary vocabulary)
    {
        var c = caseFact.Value;
        Resolved(caseFact, FactSchema.CaseSlots, vocabulary);
        for (var l = 0; l < FactSchema.Lists.Length; l++)
        {
            var plan = FactSchema.Lists[l];
            object[] items;
            if (plan.Parent is null)
            {
                var list = plan.Items(c);
                items = list is null || list.Count == 0 ? [] : new object[list.Count];
                Add(plan, list, null, caseFact, vocabulary, items, 0);
            }
            else
            {
                var parents = plan.Parent.Parent is null ? plan.Parent.Items(c) : null;
                var count = 0;
                for (var i = 0; parents is not null && i < parents.Count; i++)
                {
                    count += plan.Items(parents[i])?.Count ?? 0;
                }

                items = count == 0 ? [] : new object[count];
                for (int i = 0, at = 0; parents is not null && i < parents.Count; i++)
                {
                    at = Add(plan, plan.Items(parents[i]), parents[i], caseFact, vocabulary, items, at);
                }
            }

            caseFact.Lists[l] = items;
        }
    }

    /// <summary>Writes the item facts of <paramref name="items"/> into <paramref name="into"/> from <paramref name="at"/>; returns the next free index.</summary>
    private static int Add(ListPlan plan, IReadOnlyList<object>? items, object? parent, CaseFact owner, Vocabulary vocabulary, object[] into, int at)
    {
        for (var i = 0; items is not null && i < items.Count; i++)
        {
            into[at++] = Resolved(plan.Create(items[i], parent, Slots(plan.Slots), owner), plan.Slots, vocabulary);
        }

        return at;
    }

    private static string?[] Slots(ImmutableArray<ConceptSlot> slots) => slots.IsEmpty ? [] : new string?[slots.Length];

    /// <summary>Fills the fact's concept slots: the id of the concept a value names or claims, else the value as written.</summary>
    private static object Resolved(object fact, ImmutableArray<ConceptSlot> slots, Vocabulary vocabulary)
    {
        if (slots.IsEmpty)
        {
            return fact;
        }

        var values = fact switch
        {
            CaseFact c => c.Concepts,
            _ => ((IItemFact)fact).Concepts,
        };
        for (var i = 0; i < values.Length; i++)
        {
            var slot = slots[i];
            var value = slot.Read(fact) ?? slot.Default;
            values[i] = value is null ? null : vocabulary.ResolveId(slot.Set, value);
        }

        return fact;
    }
}
