using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Language.Model;

namespace SpineDecision.Facts;

/// <summary>
/// Turns a validated case into the facts the Rete network matches, following <see cref="FactSchema"/>'s plans.
/// Concept values written as codes (<c>ICD10CM:M51.16</c>) become concept ids here, once, so conditions compare
/// plain strings; a code no concept claims stays as written, so no rule matches it.
/// </summary>
internal static class CaseFactBuilder
{
    public static List<object> Build(PatientCase c, Vocabulary vocabulary)
    {
        var facts = new List<object>(16)
        {
            Resolved(new CaseFact(c, Slots(FactSchema.CaseSlots)), FactSchema.CaseSlots, vocabulary),
        };

        foreach (var plan in FactSchema.Lists)
        {
            if (plan.Parent is null)
            {
                Add(plan, plan.Items(c), null, c.AssessmentDate, vocabulary, facts);
                continue;
            }

            var parents = plan.Parent.Parent is null ? plan.Parent.Items(c) : null;
            for (var i = 0; parents is not null && i < parents.Count; i++)
            {
                Add(plan, plan.Items(parents[i]), parents[i], c.AssessmentDate, vocabulary, facts);
            }
        }

        return facts;
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
