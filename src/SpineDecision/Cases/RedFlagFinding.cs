namespace SpineDecision.Cases;

/// <summary>One red-flag finding from the red-flag screen.</summary>
public sealed record RedFlagFinding
{
    /// <summary>The red flag (a concept of the <c>red-flag</c> set), for example <c>saddle-anaesthesia</c>.</summary>
    public required string Flag { get; init; }

    /// <summary>
    /// Whether a completed work-up has explained the finding. Anything but <see langword="true"/> counts as
    /// unexplained, and an unexplained red flag withholds every elective procedure.
    /// </summary>
    public bool? Explained { get; init; }
}
