using System.Collections.Frozen;
using System.Linq.Expressions;

namespace SpineDecision.Facts;

/// <summary>
/// The case model as the rule language sees it: the <c>case</c> fields (dotted paths such as <c>pain.nrs</c>) and the
/// list fact types (<c>procedure</c>, <c>imaging</c>, …). One table, so the checker, compiler, explanations and
/// documentation cannot disagree.
/// </summary>
internal static class FactSchema
{
    public static readonly FactTypeDef Case = new("case", typeof(CaseFact),
    [
        F<CaseFact>("assessmentDate", DataType.Date, nameof(CaseFact.AssessmentDate), "date of the assessment; time windows end here"),
        F<CaseFact>("patient.age", DataType.Number, nameof(CaseFact.Age), "age in years", demographic: true),
        F<CaseFact>("patient.sex", DataType.Concept("sex"), nameof(CaseFact.Sex), "sex", demographic: true),
        F<CaseFact>("patient.pregnant", DataType.Boolean, nameof(CaseFact.Pregnant), "pregnant"),
        F<CaseFact>("patient.hospitalised", DataType.Boolean, nameof(CaseFact.Hospitalised), "hospitalised for the pain"),
        F<CaseFact>("pain.region", DataType.Concept("region"), nameof(CaseFact.PainRegion), "spinal region of the pain"),
        F<CaseFact>("pain.pattern", DataType.Concept("pain-pattern"), nameof(CaseFact.PainPattern), "radicular, axial or mixed"),
        F<CaseFact>("pain.laterality", DataType.Concept("side"), nameof(CaseFact.PainLaterality), "left, right or bilateral"),
        F<CaseFact>("pain.durationWeeks", DataType.Number, nameof(CaseFact.PainDurationWeeks), "duration of the episode in weeks"),
        F<CaseFact>("pain.nrs", DataType.Number, nameof(CaseFact.PainNrs), "pain on the 0–10 numeric rating scale"),
        F<CaseFact>("pain.disabilityScale", DataType.Concept("disability-scale"), nameof(CaseFact.DisabilityScale), "odi, ndi or rdq"),
        F<CaseFact>("pain.disabilityScore", DataType.Number, nameof(CaseFact.DisabilityScore), "score on the disability scale"),
        F<CaseFact>("pain.worsening", DataType.Boolean, nameof(CaseFact.PainWorsening), "pain worsening despite treatment"),
        F<CaseFact>("exam.straightLegRaise", DataType.Boolean, nameof(CaseFact.StraightLegRaise), "straight-leg raise positive"),
        F<CaseFact>("exam.siProvocationPositive", DataType.Number, nameof(CaseFact.SiProvocationPositive), "number of positive SI provocation tests"),
        F<CaseFact>("exam.myelopathicSigns", DataType.Boolean, nameof(CaseFact.MyelopathicSigns), "myelopathic signs present"),
        F<CaseFact>("exam.imagingConcordant", DataType.Boolean, nameof(CaseFact.ImagingConcordant), "history, exam and imaging concordant"),
        F<CaseFact>("exam.rootLevelUncertain", DataType.Boolean, nameof(CaseFact.RootLevelUncertain), "symptomatic root level uncertain"),
        F<CaseFact>("labs.inr", DataType.Number, nameof(CaseFact.Inr), "INR"),
        F<CaseFact>("labs.platelets", DataType.Number, nameof(CaseFact.Platelets), "platelets ×10⁹/L"),
        F<CaseFact>("labs.hbA1c", DataType.Number, nameof(CaseFact.HbA1c), "HbA1c percent"),
        F<CaseFact>("psychosocial.evaluation", DataType.Concept("psych-status"), nameof(CaseFact.PsychEvaluation), "psychological evaluation status"),
        F<CaseFact>("psychosocial.untreatedSubstanceUse", DataType.Boolean, nameof(CaseFact.UntreatedSubstanceUse), "untreated substance-use disorder"),
        F<CaseFact>("psychosocial.uncontrolledPsychiatricIllness", DataType.Boolean, nameof(CaseFact.UncontrolledPsychiatricIllness), "uncontrolled psychiatric illness"),
        F<CaseFact>("psychosocial.opioidReductionAgreed", DataType.Boolean, nameof(CaseFact.OpioidReductionAgreed), "agrees to 50 % systemic-opioid reduction"),
        F<CaseFact>("lifeExpectancyMonths", DataType.Number, nameof(CaseFact.LifeExpectancyMonths), "life expectancy in months"),
        F<CaseFact>("referralQuestion", DataType.Concept("referral"), nameof(CaseFact.ReferralQuestion), "the referral question"),
        F<CaseFact>("documented.diagnoses", DataType.Boolean, nameof(CaseFact.DiagnosesDocumented), "diagnoses were documented"),
        F<CaseFact>("documented.imaging", DataType.Boolean, nameof(CaseFact.ImagingDocumented), "imaging was reviewed"),
        F<CaseFact>("documented.conservativeCare", DataType.Boolean, nameof(CaseFact.ConservativeCareDocumented), "conservative care was documented"),
        F<CaseFact>("documented.priorProcedures", DataType.Boolean, nameof(CaseFact.ProceduresDocumented), "prior procedures were documented"),
        F<CaseFact>("documented.redFlags", DataType.Boolean, nameof(CaseFact.RedFlagsDocumented), "a red-flag screen was documented"),
        F<CaseFact>("documented.medications", DataType.Boolean, nameof(CaseFact.MedicationsDocumented), "a medication review was documented"),
        F<CaseFact>("documented.allergies", DataType.Boolean, nameof(CaseFact.AllergiesDocumented), "allergies were documented"),
        F<CaseFact>("documented.comorbidities", DataType.Boolean, nameof(CaseFact.ComorbiditiesDocumented), "comorbidities were documented"),
        F<CaseFact>("documented.trials", DataType.Boolean, nameof(CaseFact.TrialsDocumented), "trial results were documented"),
    ], "the patient case");

    public static readonly FrozenDictionary<string, FactTypeDef> ListTypes = new FactTypeDef[]
    {
        new("diagnosis", typeof(DiagnosisFact), [F<DiagnosisFact>("code", DataType.Concept("diagnosis"), nameof(DiagnosisFact.Code), "the diagnosis")], "a diagnosis"),
        new("imaging", typeof(ImagingFact),
        [
            F<ImagingFact>("finding", DataType.Concept("imaging-finding"), nameof(ImagingFact.Finding), "the finding"),
            F<ImagingFact>("level", DataType.Text, nameof(ImagingFact.Level), "spinal level"),
            F<ImagingFact>("side", DataType.Concept("side"), nameof(ImagingFact.Side), "side"),
            F<ImagingFact>("modality", DataType.Concept("imaging-modality"), nameof(ImagingFact.Modality), "modality"),
            F<ImagingFact>("date", DataType.Date, nameof(ImagingFact.Date), "date of the study"),
            F<ImagingFact>("acute", DataType.Boolean, nameof(ImagingFact.Acute), "acute or subacute change"),
            F<ImagingFact>("heightLossPercent", DataType.Number, nameof(ImagingFact.HeightLossPercent), "vertebral height loss percent"),
        ], "an imaging finding", dateField: "date"),
        new("therapy", typeof(TherapyFact),
        [
            F<TherapyFact>("modality", DataType.Concept("therapy-modality"), nameof(TherapyFact.Modality), "the modality"),
            F<TherapyFact>("weeks", DataType.Number, nameof(TherapyFact.Weeks), "weeks tried"),
            F<TherapyFact>("outcome", DataType.Concept("therapy-outcome"), nameof(TherapyFact.Outcome), "the outcome"),
        ], "a conservative therapy"),
        new("procedure", typeof(ProcedureFact),
        [
            F<ProcedureFact>("procedure", DataType.Concept("procedure"), nameof(ProcedureFact.Procedure), "the procedure"),
            F<ProcedureFact>("region", DataType.Concept("region"), nameof(ProcedureFact.Region), "region treated"),
            F<ProcedureFact>("date", DataType.Date, nameof(ProcedureFact.Date), "date performed"),
            F<ProcedureFact>("levels", DataType.Number, nameof(ProcedureFact.Levels), "levels treated"),
            F<ProcedureFact>("side", DataType.Concept("side"), nameof(ProcedureFact.Side), "side treated"),
            F<ProcedureFact>("painBefore", DataType.Number, nameof(ProcedureFact.PainBefore), "pain before (0–10)"),
            F<ProcedureFact>("painAfter", DataType.Number, nameof(ProcedureFact.PainAfter), "pain after (0–10)"),
            F<ProcedureFact>("reliefPercent", DataType.Number, nameof(ProcedureFact.ReliefPercent), "percent relief (given, or computed from pain before/after)"),
            F<ProcedureFact>("reliefDurationWeeks", DataType.Number, nameof(ProcedureFact.ReliefDurationWeeks), "weeks the relief lasted"),
            F<ProcedureFact>("functionalImprovementPercent", DataType.Number, nameof(ProcedureFact.FunctionalImprovementPercent), "functional improvement percent"),
        ], "a prior procedure", dateField: "date"),
        new("redFlag", typeof(RedFlagFact),
        [
            F<RedFlagFact>("flag", DataType.Concept("red-flag"), nameof(RedFlagFact.Flag), "the red flag"),
            F<RedFlagFact>("explained", DataType.Boolean, nameof(RedFlagFact.Explained), "explained by a completed work-up"),
        ], "a red-flag finding"),
        new("medication", typeof(MedicationFact),
        [
            F<MedicationFact>("name", DataType.Text, nameof(MedicationFact.Name), "drug name"),
            F<MedicationFact>("class", DataType.Concept("medication-class"), nameof(MedicationFact.Class), "drug class"),
        ], "a current medication"),
        new("allergy", typeof(AllergyFact), [F<AllergyFact>("substance", DataType.Concept("allergen"), nameof(AllergyFact.Substance), "the allergen")], "an allergy"),
        new("comorbidity", typeof(ComorbidityFact), [F<ComorbidityFact>("condition", DataType.Concept("comorbidity"), nameof(ComorbidityFact.Condition), "the condition")], "a comorbidity"),
        new("trial", typeof(TrialFact),
        [
            F<TrialFact>("kind", DataType.Concept("trial-kind"), nameof(TrialFact.Kind), "scs or intrathecal"),
            F<TrialFact>("date", DataType.Date, nameof(TrialFact.Date), "date the trial ended"),
            F<TrialFact>("reliefPercent", DataType.Number, nameof(TrialFact.ReliefPercent), "percent relief during the trial"),
            F<TrialFact>("durationDays", DataType.Number, nameof(TrialFact.DurationDays), "trial length in days"),
            F<TrialFact>("functionalImprovement", DataType.Boolean, nameof(TrialFact.FunctionalImprovement), "function improved"),
        ], "a trial result", dateField: "date"),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every concept set the schema refers to; the vocabulary must declare each.</summary>
    public static IEnumerable<string> ConceptSets =>
        Case.Fields.Values.Concat(ListTypes.Values.SelectMany(t => t.Fields.Values))
            .Select(f => f.Type.ConceptSet).OfType<string>().Append("procedure").Append("approach")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static FieldDef F<T>(string name, DataType type, string member, string description, bool demographic = false)
    {
        _ = typeof(T).GetProperty(member) ?? throw new InvalidOperationException($"{typeof(T).Name}.{member} does not exist");
        return new FieldDef(name, type, instance => Expression.Property(instance, member), description, demographic);
    }
}
