using System.Linq.Expressions;
using SpineDecision.Facts;

namespace SpineDecision.Compilation;

/// <summary>
/// Which case a fact belongs to, in a session holding several cases (a batch chunk). A conclusion or an outcome
/// belongs to the case its rule matched: the first fact of its support is always the rule's case fact (every rule
/// starts with the case pattern). A list item knows its case (<see cref="IItemFact.Owner"/>). Every test is one
/// reference comparison: NRules joins by nested loops, so the key test runs for every pair a join sees.
/// </summary>
internal static class CaseKey
{
    /// <summary>The join condition "<paramref name="self"/> belongs to <paramref name="caseFact"/>".</summary>
    public static Expression Of(ParameterExpression self, ParameterExpression caseFact)
    {
        if (self.Type == typeof(CaseFact))
        {
            return Expression.ReferenceEqual(self, caseFact);
        }

        if (self.Type == typeof(DerivedFact))
        {
            return Expression.ReferenceEqual(
                Expression.ArrayIndex(Expression.Property(self, nameof(DerivedFact.Support)), Expression.Constant(0)), caseFact);
        }

        if (typeof(IItemFact).IsAssignableFrom(self.Type))
        {
            return Expression.ReferenceEqual(Expression.Property(self, nameof(IItemFact.Owner)), caseFact);
        }

        throw new InvalidOperationException($"no case key for facts of type {self.Type.Name}");
    }

    /// <summary>The case a derived or outcome fact belongs to.</summary>
    public static CaseFact Owner(object fact) => (CaseFact)(fact switch
    {
        DerivedFact derived => derived.Support[0],
        OutcomeFact outcome => outcome.Support[0],
        _ => fact,
    });
}
