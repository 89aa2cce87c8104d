namespace SpineDecision;

/// <summary>The rules kept firing past the limit (for example a rule that negates its own conclusion):
/// evaluation stopped rather than loop forever.</summary>
public sealed class RunawayRulesException : SpineDecisionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">The firing limit that was reached.</param>
    /// <param name="ruleIds">The rules still waiting to fire when evaluation stopped.</param>
    public RunawayRulesException(int limit, IReadOnlyList<string> ruleIds)
        : base($"the rules fired {limit} times without settling; still pending: {string.Join(", ", ruleIds)}. " +
            "A rule probably negates its own conclusion (for example 'none: x' then 'derive: x').")
    {
        Limit = limit;
        RuleIds = ruleIds;
    }

    /// <summary>The firing limit that was reached.</summary>
    public int Limit { get; }

    /// <summary>The rules still waiting to fire when evaluation stopped.</summary>
    public IReadOnlyList<string> RuleIds { get; }
}
