namespace SpineDecision.Cases;

/// <summary>The presenting pain.</summary>
public sealed record PainInfo
{
    /// <summary>Spinal region (a concept of the <c>region</c> set): cervical, thoracic, lumbar or sacroiliac.</summary>
    public string? Region { get; init; }

    /// <summary>Pattern (a concept of the <c>pain-pattern</c> set): radicular, axial or mixed.</summary>
    public string? Pattern { get; init; }

    /// <summary>Laterality (a concept of the <c>side</c> set): left, right or bilateral.</summary>
    public string? Laterality { get; init; }

    /// <summary>Duration of the current episode in weeks.</summary>
    public double? DurationWeeks { get; init; }

    /// <summary>Pain intensity on the 0–10 numeric rating scale.</summary>
    public double? Nrs { get; init; }

    /// <summary>The disability scale used (a concept of the <c>disability-scale</c> set): odi, ndi or rdq.</summary>
    public string? DisabilityScale { get; init; }

    /// <summary>The disability score on <see cref="DisabilityScale"/> (ODI/NDI 0–100 %, RDQ 0–24).</summary>
    public double? DisabilityScore { get; init; }

    /// <summary>Whether the pain is worsening despite treatment.</summary>
    public bool? Worsening { get; init; }
}
