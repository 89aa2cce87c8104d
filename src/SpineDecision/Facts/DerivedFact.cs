namespace SpineDecision.Facts;

/// <summary>
/// A conclusion derived by a rule. One CLR type for every conclusion, told apart by <see cref="ConclusionId"/>.
/// Inserted as a linked fact (retracted with its support); on re-activation the same instance is refreshed and
/// updated, which is why <see cref="Values"/> and <see cref="Support"/> are settable (only inside one session).
/// </summary>
internal sealed class DerivedFact(string conclusionId, string ruleId, object?[] values, object[] support)
{
    public string ConclusionId { get; } = conclusionId;

    public string RuleId { get; } = ruleId;

    public object?[] Values { get; set; } = values;

    /// <summary>The facts the deriving rule matched: the basis of the explanation tree.</summary>
    public object[] Support { get; set; } = support;
}
