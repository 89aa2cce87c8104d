namespace SpineDecision.CdsHooks.Feedback;

/// <summary>Where card feedback (accepted, overridden, with reasons) and the cards issued per hook instance are stored.</summary>
public sealed class CdsFeedbackOptions
{
}
