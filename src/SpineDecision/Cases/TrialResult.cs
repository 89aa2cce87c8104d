using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>The result of a neuromodulation or intrathecal trial.</summary>
public sealed record TrialResult
{
    /// <summary>The trial kind: scs or intrathecal.</summary>
    [Key]
    [Concept("trial-kind")]
    public string? Kind { get; init; }

    /// <summary>Date the trial ended.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Percent pain relief during the trial.</summary>
    [ValueRange(0, 100)]
    [Unit("%")]
    public double? ReliefPercent { get; init; }

    /// <summary>Trial length in days.</summary>
    [ValueRange(0, 365)]
    [Unit("days")]
    public double? DurationDays { get; init; }

    /// <summary>Whether function improved during the trial.</summary>
    public bool? FunctionalImprovement { get; init; }
}
