using SpineDecision.Cases;

namespace SpineDecision.Testing;

/// <summary>
/// One typical case per pathway, the C# twins of <c>samples/cases/*.yaml</c>: what the benchmarks time and the
/// README shows.
/// </summary>
public static class SampleCases
{
    private static readonly DateOnly Assessed = new(2026, 11, 1);

    /// <summary>Left L5 radicular pain from a disc herniation, 6 weeks of failed conservative care: a transforaminal ESI.</summary>
    public static PatientCase EpiduralSteroid { get; } = new()
    {
        Id = "sample-esi",
        AssessmentDate = Assessed,
        Patient = new PatientInfo { Age = 45, Sex = "male", Pregnant = false },
        Pain = new PainInfo { Region = "lumbar", Pattern = "radicular", Laterality = "left", DurationWeeks = 6, Nrs = 8, DisabilityScale = "odi", DisabilityScore = 46 },
        Exam = new ExamInfo { Findings = [new ExamFinding { Test = "straight-leg-raise", Result = "positive" }], ImagingConcordant = true, MyelopathicSigns = false },
        Diagnoses = [new Diagnosis { Code = "disc-herniation" }],
        Imaging = [new ImagingStudy { Modality = "mri", Date = new DateOnly(2026, 10, 10), Findings = [new ImagingFinding { Finding = "disc-herniation", Level = "L4-L5", Side = "left" }] }],
        ConservativeCare =
        [
            new ConservativeTherapy { Modality = "physical-therapy", Weeks = 5, Outcome = "failed" },
            new ConservativeTherapy { Modality = "nsaid", Weeks = 6, Outcome = "failed" },
        ],
        PriorProcedures = [],
        RedFlags = [],
        Medications = [new Medication { Name = "ibuprofen", Class = "nsaid" }],
        Allergies = [],
        Comorbidities = [],
    };

    /// <summary>Two lumbar medial branch blocks each giving at least 80 % relief: radiofrequency ablation.</summary>
    public static PatientCase FacetRadiofrequency { get; } = new()
    {
        Id = "sample-facet-rfa",
        AssessmentDate = Assessed,
        Patient = new PatientInfo { Age = 62, Sex = "female", Pregnant = false },
        Pain = new PainInfo { Region = "lumbar", Pattern = "axial", Laterality = "bilateral", DurationWeeks = 40, Nrs = 7, DisabilityScale = "odi", DisabilityScore = 38 },
        Exam = new ExamInfo { Findings = [new ExamFinding { Test = "straight-leg-raise", Result = "negative" }], MyelopathicSigns = false },
        Diagnoses = [new Diagnosis { Code = "facet-arthropathy" }],
        ConservativeCare =
        [
            new ConservativeTherapy { Modality = "physical-therapy", Weeks = 8, Outcome = "failed" },
            new ConservativeTherapy { Modality = "nsaid", Weeks = 12, Outcome = "failed" },
        ],
        PriorProcedures =
        [
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 8, 20), PainBefore = 7, PainAfter = 1 },
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 9, 25), ReliefPercent = 85 },
        ],
        RedFlags = [],
        Medications = [new Medication { Name = "atorvastatin", Class = "other" }],
        Allergies = [],
        Comorbidities = [],
    };

    /// <summary>Failed back surgery syndrome, psychological clearance and a 60 % SCS trial: a permanent implant.</summary>
    public static PatientCase ScsImplant { get; } = new()
    {
        Id = "sample-scs",
        AssessmentDate = Assessed,
        Patient = new PatientInfo { Age = 58, Sex = "female", Pregnant = false },
        Pain = new PainInfo { Region = "lumbar", Pattern = "radicular", Laterality = "right", DurationWeeks = 104, Nrs = 8, DisabilityScale = "odi", DisabilityScore = 52 },
        Exam = new ExamInfo { ImagingConcordant = false },
        Psychosocial = new PsychosocialInfo { Evaluation = "cleared", UntreatedSubstanceUse = false, UncontrolledPsychiatricIllness = false },
        Diagnoses = [new Diagnosis { Code = "post-laminectomy-syndrome" }],
        ConservativeCare =
        [
            new ConservativeTherapy { Modality = "spine-surgery", Outcome = "failed" },
            new ConservativeTherapy { Modality = "multidisciplinary-rehabilitation", Weeks = 12, Outcome = "failed" },
            new ConservativeTherapy { Modality = "neuropathic-medication", Weeks = 26, Outcome = "failed" },
        ],
        PriorProcedures = [],
        Trials = [new TrialResult { Kind = "scs", Date = new DateOnly(2026, 10, 20), ReliefPercent = 60, DurationDays = 7, FunctionalImprovement = true }],
        RedFlags = [],
        Medications = [new Medication { Name = "gabapentin", Class = "other" }],
        Allergies = [],
        Comorbidities = [],
    };

    /// <summary>Radicular pain with saddle anaesthesia and bladder dysfunction: an emergency alert, everything withheld.</summary>
    public static PatientCase RedFlag { get; } = new()
    {
        Id = "sample-red-flag",
        AssessmentDate = Assessed,
        Patient = new PatientInfo { Age = 45, Sex = "male", Pregnant = false },
        Pain = new PainInfo { Region = "lumbar", Pattern = "radicular", Laterality = "bilateral", DurationWeeks = 6, Nrs = 9, DisabilityScale = "odi", DisabilityScore = 60 },
        Exam = new ExamInfo { Findings = [new ExamFinding { Test = "straight-leg-raise", Result = "positive" }], ImagingConcordant = true },
        Diagnoses = [new Diagnosis { Code = "disc-herniation" }],
        ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 5, Outcome = "failed" }],
        PriorProcedures = [],
        RedFlags =
        [
            new RedFlagFinding { Flag = "saddle-anaesthesia" },
            new RedFlagFinding { Flag = "bladder-dysfunction", Explained = false },
        ],
        Medications = [],
        Allergies = [],
        Comorbidities = [],
    };

    /// <summary>Cervical radicular pain with little documented: the rules ask for the missing data.</summary>
    public static PatientCase MissingInformation { get; } = new()
    {
        Id = "sample-missing-information",
        AssessmentDate = Assessed,
        Patient = new PatientInfo { Age = 51 },
        Pain = new PainInfo { Region = "cervical", Pattern = "radicular", Laterality = "right", Nrs = 6 },
        Diagnoses = [new Diagnosis { Code = "cervical-radiculopathy" }],
    };

    /// <summary>The sample for a pathway (the facet block and SCS trial pathways share the RFA and implant samples'
    /// presentation but are not shipped as samples, so they have none).</summary>
    /// <param name="name">One of <c>esi</c>, <c>facet-rfa</c>, <c>scs</c>, <c>red-flag</c>, <c>missing-information</c>.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown name.</exception>
    public static PatientCase ByName(string name) => name switch
    {
        "esi" => EpiduralSteroid,
        "facet-rfa" => FacetRadiofrequency,
        "scs" => ScsImplant,
        "red-flag" => RedFlag,
        "missing-information" => MissingInformation,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown sample"),
    };

    /// <summary>The names <see cref="ByName"/> knows, in a fixed order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["esi", "facet-rfa", "scs", "red-flag", "missing-information"];
}
