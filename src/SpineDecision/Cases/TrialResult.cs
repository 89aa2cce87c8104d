namespace SpineDecision.Cases;

/// <summary>The result of a neuromodulation or intrathecal trial.</summary>
public sealed record TrialResult
{
    /// <summary>The trial kind (a concept of the <c>trial-kind</c> set): scs or intrathecal.</summary>
    public required string Kind { get; init; }

    /// <summary>Date the trial ended.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Percent pain relief during the trial.</summary>
    public double? ReliefPercent { get; init; }

    /// <summary>Trial length in days.</summary>
    public double? DurationDays { get; init; }

    /// <summary>Whether function improved during the trial.</summary>
    public bool? FunctionalImprovement { get; init; }
}
