namespace SpineDecision.CdsHooks.Feedback;

/// <summary>Why a user overrode a card: a coded reason from the card's <c>overrideReasons</c>, a comment, or both.</summary>
/// <param name="Code">The reason's code.</param>
/// <param name="System">The reason's code system.</param>
/// <param name="Display">The reason's display text.</param>
/// <param name="UserComment">The user's free-text comment.</param>
internal sealed record OverrideReason(string? Code, string? System, string? Display, string? UserComment);
