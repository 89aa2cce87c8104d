using System.Linq.Expressions;
using System.Runtime.InteropServices;
using SpineDecision.Facts;

namespace SpineDecision.Compilation;

/// <summary>
/// Which case a fact belongs to, in a session holding several cases (a batch chunk). A conclusion or an outcome
/// belongs to the case its rule matched: the first fact of its support is always the rule's case fact (every rule
/// starts with the case pattern). A list item belongs to the case whose lists hold it.
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

        return Expression.Call(typeof(CaseKey), nameof(Holds), null, caseFact, Expression.Convert(self, typeof(object)));
    }

    /// <summary>The case a derived or outcome fact belongs to.</summary>
    public static CaseFact Owner(object fact) => (CaseFact)(fact switch
    {
        DerivedFact derived => derived.Support[0],
        OutcomeFact outcome => outcome.Support[0],
        _ => fact,
    });

    /// <summary>Whether the case's lists hold the item (by reference).</summary>
    public static bool Holds(CaseFact caseFact, object item)
    {
        foreach (var items in caseFact.Lists)
        {
            if (Array.IndexOf(items, item) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Rule firings per case in a batch session, counted by the rules' first actions, so that a case is held to the same
/// firing limit as in a session of its own. Set on the evaluating thread for the duration of a batch session only;
/// <see langword="null"/> (no counting) otherwise.
/// </summary>
internal sealed class BatchFirings
{
    [ThreadStatic]
    private static BatchFirings? _current;

    private readonly Dictionary<object, int> _counts = new(ReferenceEqualityComparer.Instance);

    public static BatchFirings? Current
    {
        get => _current;
        set => _current = value;
    }

    public void Fired(object caseFact) => CollectionsMarshal.GetValueRefOrAddDefault(_counts, caseFact, out _)++;

    public int Of(object caseFact) => _counts.GetValueOrDefault(caseFact);

    public void Clear() => _counts.Clear();
}
