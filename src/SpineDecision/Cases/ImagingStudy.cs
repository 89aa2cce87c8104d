using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One imaging study and what it showed.</summary>
public sealed record ImagingStudy
{
    /// <summary>Modality: mri, mri-stir, ct, xray, bone-scan, spect-ct or emg.</summary>
    [Key]
    [Concept("imaging-modality")]
    public string? Modality { get; init; }

    /// <summary>Date of the study.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The body site imaged: cervical, thoracic, lumbar or sacroiliac.</summary>
    [Concept("region")]
    public string? BodySite { get; init; }

    /// <summary>The overall result: normal or abnormal. A normal study has no findings.</summary>
    [Concept("imaging-result")]
    public string? Result { get; init; }

    /// <summary>The findings, or <see langword="null"/> when the report was not itemised (<c>[]</c>: none).</summary>
    [Fact("imaging", "an imaging finding, with its study's modality, date and body site", DateField = "date")]
    public IReadOnlyList<ImagingFinding>? Findings { get; init; }

    /// <summary>The study as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}

/// <summary>One finding of an imaging study.</summary>
public sealed record ImagingFinding
{
    /// <summary>The finding, for example <c>disc-herniation</c> or <c>annular-fissure</c>.</summary>
    [Key]
    [Concept("imaging-finding")]
    public string? Finding { get; init; }

    /// <summary>Spinal level, for example <c>L4-L5</c>, or a span such as <c>L4-S1</c>.</summary>
    [Levels]
    public string? Level { get; init; }

    /// <summary>Side.</summary>
    [Concept("side")]
    public string? Side { get; init; }

    /// <summary>The nerve root affected, for example <c>L5</c>.</summary>
    public string? Root { get; init; }

    /// <summary>The clinician's or radiologist's judgement that the finding is acute or subacute.</summary>
    public bool? Acute { get; init; }

    /// <summary>Marrow oedema on MRI (STIR or T2 fat-suppressed).</summary>
    public bool? MarrowOedema { get; init; }

    /// <summary>Increased uptake on bone scan or SPECT-CT.</summary>
    public bool? BoneScanUptake { get; init; }

    /// <summary>Vertebral body height loss (fractures).</summary>
    [ValueRange(0, 100)]
    [Unit("%")]
    public double? HeightLossPercent { get; init; }

    /// <summary>The finding as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }

    /// <summary>Acuity as recorded: the stated judgement, else marrow oedema or bone-scan uptake (three-valued).</summary>
    [Derived("acute", "acute or subacute: as stated, else marrow oedema or bone-scan uptake")]
    internal bool? AcuteAsRecorded => Acute ?? (MarrowOedema == true || BoneScanUptake == true ? true
        : MarrowOedema == false || BoneScanUptake == false ? false : null);
}
