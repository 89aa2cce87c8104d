namespace SpineDecision.CdsHooks.Feedback;

/// <summary>What is wrong with a feedback request, and where.</summary>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$.feedback[0].outcome</c>.</param>
/// <param name="Message">What was expected there.</param>
internal sealed record FeedbackError(string Path, string Message);
