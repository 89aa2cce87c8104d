using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>
/// One patient at one assessment date: every datum the clinical rules test, in case format 2.
/// </summary>
/// <remarks>
/// <para>
/// Unknown is not false: every optional datum is <see langword="null"/> when it was not documented, and every
/// list is <see langword="null"/> when it was not reviewed (an empty list means "reviewed, none").
/// </para>
/// <para>
/// Categorical values are concept ids from the rule vocabulary (for example <c>lumbar</c>), or a code written as
/// <c>SYSTEM:code</c> (for example <c>ICD10CM:M54.16</c>). A code of a known system that no concept claims is
/// kept and reported as not used; it never rejects the case. A documented item that no concept covers is written
/// with its <c>text</c> alone.
/// </para>
/// <para>
/// This record, its parts and their attributes are the single declaration of the case format: the reader, the
/// validator, the rule-language fields, the JSON Schema and the field reference are derived from them.
/// </para>
/// </remarks>
public sealed record PatientCase
{
    /// <summary>The case format version: 2. A case that leaves it out is read as format 1 and upgraded.</summary>
    [ValueRange(1, 2)]
    [NotForRules]
    public int? CaseFormat { get; init; }

    /// <summary>An identifier the host uses to correlate the report; never interpreted.</summary>
    [NotForRules]
    public string? Id { get; init; }

    /// <summary>The date of the assessment. All time windows ("rolling 12 months") end on this date.</summary>
    public required DateOnly AssessmentDate { get; init; }

    /// <summary>Demographics and encounter context.</summary>
    public PatientInfo Patient { get; init; } = new();

    /// <summary>The presenting pain.</summary>
    public PainInfo Pain { get; init; } = new();

    /// <summary>Physical examination and clinical judgement.</summary>
    public ExamInfo Exam { get; init; } = new();

    /// <summary>Laboratory values, each in its documented unit and with its date.</summary>
    public LabInfo Labs { get; init; } = new();

    /// <summary>Psychological and behavioural-health status.</summary>
    public PsychosocialInfo Psychosocial { get; init; } = new();

    /// <summary>Why the patient was referred, and the procedure requested, if any.</summary>
    public ReferralInfo Referral { get; init; } = new();

    /// <summary>Diagnoses and problem-list entries, or <see langword="null"/> when not documented.</summary>
    [Fact("diagnosis", "a diagnosis or problem-list entry")]
    public IReadOnlyList<Diagnosis>? Diagnoses { get; init; }

    /// <summary>Imaging studies with their findings, or <see langword="null"/> when imaging was not documented
    /// (<c>[]</c>: no imaging was done).</summary>
    [Fact("imagingStudy", "an imaging study", DateField = "date")]
    public IReadOnlyList<ImagingStudy>? Imaging { get; init; }

    /// <summary>Conservative therapies tried, or <see langword="null"/> when not documented.</summary>
    [Fact("therapy", "a conservative therapy")]
    public IReadOnlyList<ConservativeTherapy>? ConservativeCare { get; init; }

    /// <summary>Prior interventional procedures and spine surgery, or <see langword="null"/> when not documented.</summary>
    [Fact("procedure", "a prior procedure or surgery", DateField = "date")]
    public IReadOnlyList<PriorProcedure>? PriorProcedures { get; init; }

    /// <summary>Implanted neuromodulation devices, current or past, or <see langword="null"/> when not documented.</summary>
    [Fact("device", "an implanted device", DateField = "date")]
    public IReadOnlyList<ImplantedDevice>? Devices { get; init; }

    /// <summary>Red-flag findings from the screen, or <see langword="null"/> when no screen was documented.</summary>
    [Fact("redFlag", "a red-flag finding")]
    public IReadOnlyList<RedFlagFinding>? RedFlags { get; init; }

    /// <summary>Contraindications and precautions as the clinician recorded them, or <see langword="null"/> when
    /// none were reviewed (<c>[]</c>: reviewed, none).</summary>
    [Fact("contraindication", "a recorded contraindication or precaution")]
    public IReadOnlyList<RecordedContraindication>? Contraindications { get; init; }

    /// <summary>Current medications, or <see langword="null"/> when no medication review was documented.</summary>
    [Fact("medication", "a current medication")]
    public IReadOnlyList<Medication>? Medications { get; init; }

    /// <summary>Allergies, or <see langword="null"/> when not documented.</summary>
    [Fact("allergy", "an allergy")]
    public IReadOnlyList<Allergy>? Allergies { get; init; }

    /// <summary>Comorbidities, or <see langword="null"/> when not documented.</summary>
    [Fact("comorbidity", "a comorbidity")]
    public IReadOnlyList<Comorbidity>? Comorbidities { get; init; }

    /// <summary>Neuromodulation and intrathecal trial results, or <see langword="null"/> when none documented.</summary>
    [Fact("trial", "a trial result", DateField = "date")]
    public IReadOnlyList<TrialResult>? Trials { get; init; }

    /// <summary>Estimated life expectancy in months.</summary>
    [ValueRange(0, 1500)]
    [Unit("months")]
    public double? LifeExpectancyMonths { get; init; }
}
