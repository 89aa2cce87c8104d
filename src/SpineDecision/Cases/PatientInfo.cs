using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>Demographics and encounter context.</summary>
public sealed record PatientInfo
{
    /// <summary>Age in whole years at the assessment date.</summary>
    [ValueRange(0, 130)]
    [Unit("years")]
    public int? Age { get; init; }

    /// <summary>Sex.</summary>
    [Concept("sex")]
    public string? Sex { get; init; }

    /// <summary>Whether the patient is pregnant.</summary>
    public bool? Pregnant { get; init; }

    /// <summary>Completed weeks of gestation, when pregnant.</summary>
    [ValueRange(0, 45)]
    [Unit("weeks")]
    public int? GestationWeeks { get; init; }

    /// <summary>Whether the patient is currently hospitalised for the pain.</summary>
    public bool? Hospitalised { get; init; }
}
