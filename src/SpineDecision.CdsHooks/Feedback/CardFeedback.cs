using System.Collections.Immutable;

namespace SpineDecision.CdsHooks.Feedback;

/// <summary>One feedback entry of a CDS Hooks 2.0 feedback request, validated.</summary>
/// <param name="Card">The <c>card.uuid</c> the user acted on.</param>
/// <param name="Outcome"><c>accepted</c> or <c>overridden</c>.</param>
/// <param name="AcceptedSuggestions">The accepted suggestions' uuids (accepted outcomes only).</param>
/// <param name="OverrideReason">The override reason (overridden outcomes only), when given.</param>
/// <param name="OutcomeTimestamp">When the user acted, in UTC.</param>
internal sealed record CardFeedback(string Card, string Outcome, ImmutableArray<string> AcceptedSuggestions, OverrideReason? OverrideReason, DateTimeOffset OutcomeTimestamp);
