using SpineDecision.Diagnostics;

namespace SpineDecision;

/// <summary>A rule's condition or action failed while evaluating a case. The session was discarded; the engine
/// stays usable.</summary>
public sealed class RuleEvaluationException : SpineDecisionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="ruleId">The failing rule's id.</param>
    /// <param name="location">Where the rule is written.</param>
    /// <param name="inner">The underlying failure.</param>
    public RuleEvaluationException(string ruleId, SourceLocation? location, Exception inner)
        : base($"rule '{ruleId}'{(location is null ? "" : $" at {location}")} failed: {inner.Message}", inner)
    {
        RuleId = ruleId;
        Location = location;
    }

    /// <summary>The failing rule's id.</summary>
    public string RuleId { get; }

    /// <summary>Where the rule is written, when known.</summary>
    public SourceLocation? Location { get; }
}
