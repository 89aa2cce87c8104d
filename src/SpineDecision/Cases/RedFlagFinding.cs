using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One red-flag finding from the red-flag screen.</summary>
public sealed record RedFlagFinding
{
    /// <summary>The red flag, for example <c>saddle-anaesthesia</c>. A case may write the entry as this value alone.</summary>
    [Key]
    [Concept("red-flag")]
    public string? Flag { get; init; }

    /// <summary>
    /// Whether a completed work-up has explained the finding. Anything but <see langword="true"/> counts as
    /// unexplained, and an unexplained red flag withholds every elective procedure.
    /// </summary>
    public bool? Explained { get; init; }

    /// <summary>The finding as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
