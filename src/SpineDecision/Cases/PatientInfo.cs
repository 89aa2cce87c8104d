namespace SpineDecision.Cases;

/// <summary>Demographics and encounter context.</summary>
public sealed record PatientInfo
{
    /// <summary>Age in whole years at the assessment date.</summary>
    public int? Age { get; init; }

    /// <summary>Sex (a concept of the <c>sex</c> set).</summary>
    public string? Sex { get; init; }

    /// <summary>Whether the patient is pregnant.</summary>
    public bool? Pregnant { get; init; }

    /// <summary>Whether the patient is currently hospitalised for the pain.</summary>
    public bool? Hospitalised { get; init; }
}
