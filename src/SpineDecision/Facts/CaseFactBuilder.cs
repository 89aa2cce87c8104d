using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Language.Model;

namespace SpineDecision.Facts;

/// <summary>
/// Turns a validated case into the facts the Rete network matches, following <see cref="FactSchema"/>'s plans.
/// Concept values written as codes (<c>ICD10CM:M51.16</c>) become concept ids here, once, so conditions compare
/// plain strings; a code no concept claims stays as written, so no rule matches it. The case fact also holds each
/// list's item facts (<see cref="CaseFact.Lists"/>), for the list conditions compiled onto it.
/// </summary>
internal static class CaseFactBuilder
{
    public static List<object> Build(PatientCase c, Vocabulary vocabulary)
    {
        var caseFact = new CaseFact(ProblemList.Bridged(c, vocabulary), Slots(FactSchema.CaseSlots));
        var facts = new List<object>(16) { caseFact };
        Fill(caseFact, vocabulary, facts);
        return facts;
    }

    /// <summary>Derives the case fact's concepts and list items again after its <see cref="CaseFact.Value"/> changed
    /// (a session that updates the case fact then sees the new lists); returns the new item facts.</summary>
    public static List<object> Refresh(CaseFact caseFact, Vocabulary vocabulary)
    {
        caseFact.Value = ProblemList.Bridged(caseFact.Value, vocabulary);
        var items = new List<object>();
        Fill(caseFact, vocabulary, items);
        return items;
    }

    private static void Fill(CaseFact caseFact, Vocabulary vocabulary, List<object> facts)
    {
        var c = caseFact.Value;
        Resolved(caseFact, FactSchema.CaseSlots, vocabulary);
        for (var l = 0; l < FactSchema.Lists.Length; l++)
        {
            var plan = FactSchema.Lists[l];
            var first = facts.Count;
            if (plan.Parent is null)
            {
                Add(plan, plan.Items(c), null, c.AssessmentDate, vocabulary, facts);
            }
            else
            {
                var parents = plan.Parent.Parent is null ? plan.Parent.Items(c) : null;
                for (var i = 0; parents is not null && i < parents.Count; i++)
                {
                    Add(plan, plan.Items(parents[i]), parents[i], c.AssessmentDate, vocabulary, facts);
                }
            }

            var items = facts.Count == first ? [] : new object[facts.Count - first];
            facts.CopyTo(first, items, 0, items.Length);
            caseFact.Lists[l] = items;
        }
    }

    private static void Add(ListPlan plan, IReadOnlyList<object>? items, object? parent, DateOnly date, Vocabulary vocabulary, List<object> facts)
    {
        for (var i = 0; items is not null && i < items.Count; i++)
        {
            facts.Add(Resolved(plan.Create(items[i], parent, Slots(plan.Slots), date), plan.Slots, vocabulary));
        }
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
