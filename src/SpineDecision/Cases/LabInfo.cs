namespace SpineDecision.Cases;

/// <summary>Laboratory values.</summary>
public sealed record LabInfo
{
    /// <summary>International normalised ratio.</summary>
    public double? Inr { get; init; }

    /// <summary>Platelet count, ×10⁹/L.</summary>
    public double? Platelets { get; init; }

    /// <summary>Glycated haemoglobin, percent.</summary>
    public double? HbA1c { get; init; }
}
