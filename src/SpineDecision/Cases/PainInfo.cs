using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>The presenting pain.</summary>
public sealed record PainInfo
{
    /// <summary>Spinal region, as EHRs record it: cervical, thoracic or lumbar (SI-joint pain is lumbar pain located
    /// over the SI joint; write its location).</summary>
    [Concept("region")]
    public string? Region { get; init; }

    /// <summary>Pattern: radicular, axial, mixed, neurogenic claudication, or non-radicular limb pain (e.g. CRPS).</summary>
    [Concept("pain-pattern")]
    public string? Pattern { get; init; }

    /// <summary>Side: left, right, bilateral or midline.</summary>
    [Concept("side")]
    public string? Laterality { get; init; }

    /// <summary>Where the pain is felt and where it radiates, or <see langword="null"/> when not documented.</summary>
    [Fact("painLocation", "a place the pain is felt or radiates to")]
    public IReadOnlyList<PainLocation>? Locations { get; init; }

    /// <summary>Duration of the current episode in weeks. Leave it out and write <see cref="OnsetDate"/> to have it computed.</summary>
    [ValueRange(0, 5200)]
    [Unit("weeks")]
    public double? DurationWeeks { get; init; }

    /// <summary>Onset date of the current episode.</summary>
    public DateOnly? OnsetDate { get; init; }

    /// <summary>Pain intensity on the 0–10 numeric rating scale.</summary>
    [ValueRange(0, 10)]
    [Unit("points")]
    public double? Nrs { get; init; }

    /// <summary>The disability scale used: odi, ndi or rdq.</summary>
    [Concept("disability-scale")]
    public string? DisabilityScale { get; init; }

    /// <summary>The disability score on <see cref="DisabilityScale"/> (ODI/NDI 0–100 %, RDQ 0–24).</summary>
    [ValueRange(0, 100)]
    [Unit("scale points")]
    public double? DisabilityScore { get; init; }

    /// <summary>Whether the pain is worsening despite treatment.</summary>
    public bool? Worsening { get; init; }

    /// <summary>The episode's duration in weeks: as written, or computed from the onset date.</summary>
    [Derived("durationWeeks", "duration of the episode in weeks (written, or from the onset date)")]
    internal double? DurationWeeksAt(DateOnly assessmentDate) =>
        DurationWeeks ?? (OnsetDate is { } onset ? Math.Round((assessmentDate.DayNumber - onset.DayNumber) / 7.0, 1) : null);
}

/// <summary>A place the pain is felt or radiates to.</summary>
public sealed record PainLocation
{
    /// <summary>The site: midline, paraspinal, psis, buttock, groin, thigh, below-knee, foot, shoulder, arm, hand…</summary>
    [Key]
    [Concept("pain-location")]
    public string? Site { get; init; }

    /// <summary>Side.</summary>
    [Concept("side")]
    public string? Side { get; init; }

    /// <summary>The dermatome the pain follows, for example <c>L5</c>.</summary>
    public string? Dermatome { get; init; }

    /// <summary>The location as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
