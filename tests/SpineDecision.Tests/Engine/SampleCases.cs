using SpineDecision.Cases;

namespace SpineDecision.Tests.Engine;

/// <summary>Complete cases that satisfy one pathway of the default rules; tests vary one datum at a time.</summary>
internal static class SampleCases
{
    public static readonly DateOnly AssessmentDate = new(2026, 11, 1);

    /// <summary>Chronic lumbar axial pain, failed physical therapy, two lumbar medial branch blocks (85 % and
    /// <paramref name="secondRelief"/> %): facet RFA under Medicare when the second block gives at least 80 %.</summary>
    public static PatientCase FacetRfa(double secondRelief = 85) =>
        FacetRfaWithBlocks(
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 8, 20), ReliefPercent = 85 },
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 9, 25), ReliefPercent = secondRelief });

    public static PatientCase FacetRfaWithBlocks(params PriorProcedure[] blocks) => new()
    {
        Id = "facet",
        AssessmentDate = AssessmentDate,
        Patient = new PatientInfo { Age = 61, Sex = "female" },
        Pain = new PainInfo { Region = "lumbar", Pattern = "axial", Laterality = "bilateral", DurationWeeks = 40, Nrs = 7, DisabilityScale = "odi", DisabilityScore = 38 },
        Diagnoses = [new Diagnosis { Code = "facet-arthropathy" }],
        ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 8, Outcome = "failed" }],
        PriorProcedures = blocks,
        RedFlags = [],
        Medications = [],
        Allergies = [],
        Comorbidities = [],
    };

    /// <summary>Left L5 radicular pain from a disc herniation, concordant imaging, failed physical therapy:
    /// a transforaminal ESI once the pain has lasted long enough.</summary>
    public static PatientCase Esi(double? durationWeeks = 8, params PriorProcedure[] priorProcedures) => new()
    {
        Id = "esi",
        AssessmentDate = AssessmentDate,
        Patient = new PatientInfo { Age = 47, Sex = "male" },
        Pain = new PainInfo { Region = "lumbar", Pattern = "radicular", Laterality = "left", DurationWeeks = durationWeeks, Nrs = 8, DisabilityScale = "odi", DisabilityScore = 44 },
        Exam = new ExamInfo { Findings = [new ExamFinding { Test = "straight-leg-raise", Result = "positive" }], ImagingConcordant = true },
        Diagnoses = [new Diagnosis { Code = "lumbar-radiculopathy" }],
        Imaging = [new ImagingStudy { Modality = "mri", Date = new DateOnly(2026, 9, 1), Findings = [new ImagingFinding { Finding = "disc-herniation", Level = "L4-L5", Side = "left" }] }],
        ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 6, Outcome = "failed" }],
        PriorProcedures = priorProcedures,
        RedFlags = [],
        Medications = [],
        Allergies = [],
        Comorbidities = [],
    };

    /// <summary>A prior lumbar ESI <paramref name="daysAgo"/> days before the assessment that helped (70 % relief),
    /// so only the frequency limit can stop a repeat.</summary>
    public static PriorProcedure PriorEsi(int daysAgo) =>
        new() { Procedure = "epidural-steroid-injection", Region = "lumbar", Side = "left", Date = AssessmentDate.AddDays(-daysAgo), ReliefPercent = 70 };

    /// <summary>Failed back surgery syndrome for <paramref name="durationWeeks"/> weeks with failed conservative care
    /// and psychological clearance: an SCS trial after 26 weeks under Medicare.</summary>
    public static PatientCase Scs(double? durationWeeks = 52, string? psychEvaluation = "cleared", params TrialResult[] trials) => new()
    {
        Id = "scs",
        AssessmentDate = AssessmentDate,
        Patient = new PatientInfo { Age = 58, Sex = "female" },
        Pain = new PainInfo { Region = "lumbar", Pattern = "mixed", Laterality = "right", DurationWeeks = durationWeeks, Nrs = 7, DisabilityScale = "odi", DisabilityScore = 52 },
        Psychosocial = new PsychosocialInfo { Evaluation = psychEvaluation, UntreatedSubstanceUse = false, UncontrolledPsychiatricIllness = false },
        Diagnoses = [new Diagnosis { Code = "post-laminectomy-syndrome" }],
        ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 12, Outcome = "failed" }],
        PriorProcedures = [],
        RedFlags = [],
        Medications = [],
        Allergies = [],
        Comorbidities = [],
        Trials = trials,
    };

    public static TrialResult ScsTrial(double relief) =>
        new() { Kind = "scs", Date = AssessmentDate.AddDays(-10), ReliefPercent = relief, DurationDays = 7, FunctionalImprovement = true };
}
