namespace SpineDecision.Reports;

/// <summary>
/// The answers a report gives, at the top, per pathway and for a requested procedure. Per procedure: an unexplained
/// red flag gives <see cref="UrgentEvaluation"/>; a permanent withhold <see cref="NotIndicated"/>; a temporary withhold
/// of a recommended procedure <see cref="Defer"/>; a recommendation <see cref="Proceed"/>, or <see cref="Conditional"/>
/// with a must-address precaution, or <see cref="InformationNeeded"/> while a question about it is open; otherwise
/// <see cref="InformationNeeded"/> when an open question could make it recommended, else <see cref="NotIndicated"/>.
/// A pathway takes its most actionable procedure (proceed, conditional, defer, information-needed, not-indicated).
/// The top level takes the pathway with the highest precedence: urgent-evaluation, defer, conditional, proceed,
/// information-needed, not-indicated.
/// </summary>
public static class Dispositions
{
    /// <summary>A red flag needs urgent evaluation before any elective procedure.</summary>
    public const string UrgentEvaluation = "urgent-evaluation";

    /// <summary>A procedure is indicated but must wait for a temporary condition (pregnancy, infection) to resolve.</summary>
    public const string Defer = "defer";

    /// <summary>A procedure is indicated once a must-address precaution is met.</summary>
    public const string Conditional = "conditional";

    /// <summary>A procedure is indicated.</summary>
    public const string Proceed = "proceed";

    /// <summary>An open question could change the answer.</summary>
    public const string InformationNeeded = "information-needed";

    /// <summary>No procedure is indicated; withheld items and why-not say why.</summary>
    public const string NotIndicated = "not-indicated";

    /// <summary>A disposition in the words a clinician reads, for text views and cards.</summary>
    /// <param name="disposition">One of the dispositions.</param>
    /// <returns>The wording, for example "Defer: indicated, but wait until a temporary condition resolves".</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a disposition.</exception>
    public static string Describe(string disposition) => disposition switch
    {
        UrgentEvaluation => "Urgent evaluation: a red flag must be assessed before any elective procedure",
        Defer => "Defer: indicated, but wait until a temporary condition resolves",
        Conditional => "Proceed once the conditions below are met",
        Proceed => "Proceed",
        InformationNeeded => "Information needed before a decision",
        NotIndicated => "Not indicated",
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "not a disposition"),
    };
}
