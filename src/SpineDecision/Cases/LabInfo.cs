using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>Laboratory values, each in the unit given here, with the date it was drawn.</summary>
public sealed record LabInfo
{
    /// <summary>International normalised ratio.</summary>
    [ValueRange(0.5, 20)]
    [Unit("ratio")]
    public double? Inr { get; init; }

    /// <summary>Date the INR was drawn.</summary>
    public DateOnly? InrDate { get; init; }

    /// <summary>Platelet count.</summary>
    [ValueRange(0, 2000)]
    [Unit("10^9/L")]
    public double? Platelets { get; init; }

    /// <summary>Date the platelet count was drawn.</summary>
    public DateOnly? PlateletsDate { get; init; }

    /// <summary>Glycated haemoglobin (NGSP).</summary>
    [ValueRange(3, 20)]
    [Unit("%")]
    public double? HbA1c { get; init; }

    /// <summary>Date the HbA1c was drawn.</summary>
    public DateOnly? HbA1cDate { get; init; }

    /// <summary>Blood glucose.</summary>
    [ValueRange(10, 2000)]
    [Unit("mg/dL")]
    public double? Glucose { get; init; }

    /// <summary>Date the glucose was drawn.</summary>
    public DateOnly? GlucoseDate { get; init; }

    /// <summary>Serum creatinine.</summary>
    [ValueRange(0.1, 30)]
    [Unit("mg/dL")]
    public double? Creatinine { get; init; }

    /// <summary>Date the creatinine was drawn.</summary>
    public DateOnly? CreatinineDate { get; init; }
}
