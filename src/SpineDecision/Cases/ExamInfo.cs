namespace SpineDecision.Cases;

/// <summary>Physical examination findings and the clinician's documented judgement.</summary>
public sealed record ExamInfo
{
    /// <summary>Whether the straight-leg-raise test is positive.</summary>
    public bool? StraightLegRaise { get; init; }

    /// <summary>Number of positive sacroiliac provocation tests (0–6).</summary>
    public int? SiProvocationPositive { get; init; }

    /// <summary>Whether myelopathic signs (hyper-reflexia, clonus, gait ataxia) are present.</summary>
    public bool? MyelopathicSigns { get; init; }

    /// <summary>Whether history, examination and imaging are concordant for the pain generator.</summary>
    public bool? ImagingConcordant { get; init; }

    /// <summary>Whether the symptomatic root level remains uncertain after standard evaluation.</summary>
    public bool? RootLevelUncertain { get; init; }
}
