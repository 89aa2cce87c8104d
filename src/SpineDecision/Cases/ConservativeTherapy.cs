using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One conservative (non-interventional) therapy and its outcome.</summary>
public sealed record ConservativeTherapy
{
    /// <summary>The modality, for example <c>physical-therapy</c>, <c>gabapentinoid</c> or <c>acetaminophen</c>.</summary>
    [Key]
    [Concept("therapy-modality")]
    public string? Modality { get; init; }

    /// <summary>How many weeks it was tried. Leave it out and write the dates to have it computed.</summary>
    [ValueRange(0, 5200)]
    [Unit("weeks")]
    public double? Weeks { get; init; }

    /// <summary>Date started.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Date stopped; leave it out while the therapy continues.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>The outcome: failed, partial, improved, intolerant (stopped for side effects) or ongoing.</summary>
    [Concept("therapy-outcome")]
    public string? Outcome { get; init; }

    /// <summary>The therapy as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }

    /// <summary>Weeks tried: as written, else from the start date to the end date (or to the assessment).</summary>
    [Derived("weeks", "weeks tried (written, or from the start and end dates)")]
    internal double? WeeksAt(DateOnly assessmentDate) =>
        Weeks ?? (StartDate is { } start ? Math.Round(((EndDate ?? assessmentDate).DayNumber - start.DayNumber) / 7.0, 1) : null);
}
