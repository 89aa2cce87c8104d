namespace SpineDecision.Cases;

/// <summary>
/// One patient at one assessment date: every datum the clinical rules test.
/// </summary>
/// <remarks>
/// Unknown is not false: every optional datum is <see langword="null"/> when it was not documented, and every
/// list is <see langword="null"/> when it was not reviewed (an empty list means "reviewed, none").
/// Categorical values are concept ids from the rule vocabulary (for example <c>lumbar</c>), or a code written as
/// <c>SYSTEM:code</c> (for example <c>ICD10CM:M54.16</c>) that the vocabulary maps to a concept.
/// </remarks>
public sealed record PatientCase
{
    /// <summary>An identifier the host uses to correlate the report; never interpreted.</summary>
    public string? Id { get; init; }

    /// <summary>The date of the assessment. All time windows ("rolling 12 months") end on this date.</summary>
    public required DateOnly AssessmentDate { get; init; }

    /// <summary>Demographics and encounter context.</summary>
    public PatientInfo Patient { get; init; } = new();

    /// <summary>The presenting pain.</summary>
    public PainInfo Pain { get; init; } = new();

    /// <summary>Physical examination and clinical judgement.</summary>
    public ExamInfo Exam { get; init; } = new();

    /// <summary>Laboratory values.</summary>
    public LabInfo Labs { get; init; } = new();

    /// <summary>Psychological and behavioural-health status.</summary>
    public PsychosocialInfo Psychosocial { get; init; } = new();

    /// <summary>Diagnoses (concepts of the <c>diagnosis</c> set), or <see langword="null"/> when not documented.</summary>
    public IReadOnlyList<string>? Diagnoses { get; init; }

    /// <summary>Imaging findings, or <see langword="null"/> when no imaging was reviewed.</summary>
    public IReadOnlyList<ImagingFinding>? Imaging { get; init; }

    /// <summary>Conservative therapies tried, or <see langword="null"/> when not documented.</summary>
    public IReadOnlyList<ConservativeTherapy>? ConservativeCare { get; init; }

    /// <summary>Prior interventional procedures, or <see langword="null"/> when not documented.</summary>
    public IReadOnlyList<PriorProcedure>? PriorProcedures { get; init; }

    /// <summary>Red-flag findings from the screen, or <see langword="null"/> when no screen was documented.</summary>
    public IReadOnlyList<RedFlagFinding>? RedFlags { get; init; }

    /// <summary>Current medications, or <see langword="null"/> when no medication review was documented.</summary>
    public IReadOnlyList<Medication>? Medications { get; init; }

    /// <summary>Allergies (concepts of the <c>allergen</c> set), or <see langword="null"/> when not documented.</summary>
    public IReadOnlyList<string>? Allergies { get; init; }

    /// <summary>Comorbidities (concepts of the <c>comorbidity</c> set), or <see langword="null"/> when not documented.</summary>
    public IReadOnlyList<string>? Comorbidities { get; init; }

    /// <summary>Neuromodulation and intrathecal trial results, or <see langword="null"/> when none documented.</summary>
    public IReadOnlyList<TrialResult>? Trials { get; init; }

    /// <summary>Estimated life expectancy in months.</summary>
    public double? LifeExpectancyMonths { get; init; }

    /// <summary>The referral question (a concept of the <c>referral</c> set), for example <c>surgical-planning</c>.</summary>
    public string? ReferralQuestion { get; init; }
}
