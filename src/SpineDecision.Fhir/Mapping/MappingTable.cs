using System.Collections.Immutable;
using System.Text;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// The mapping table: the one declaration of which FHIR element fills which case field. The mapper records the row of
/// every datum it maps, the README section is generated from these rows, and a test checks that every row is exercised.
/// </summary>
internal static class MappingTable
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";

    public static readonly MappingRow Age = new("patient-age", "patient.age", "Patient.birthDate", "whole years at the assessment date");
    public static readonly MappingRow Sex = new("patient-sex", "patient.sex", "Patient.gender", "female, male, other (unknown stays unknown)");
    public static readonly MappingRow Pregnancy = new("patient-pregnant", "patient.pregnant", "Observation.valueCodeableConcept",
        "LOINC 82810-3; SNOMED 77386006 pregnant, 60001007 not pregnant (261665006 unknown stays unknown)");
    public static readonly MappingRow Hospitalised = new("patient-hospitalised", "patient.hospitalised", "Encounter.class, status, period",
        "v3-ActCode IMP, ACUTE, NONAC in progress at the assessment date");
    public static readonly MappingRow Nrs = new("pain-nrs", "pain.nrs", "Observation.value[x]", "LOINC 72514-3; UCUM {score} or 1; latest wins");
    public static readonly MappingRow NrsQuestionnaire = new("pain-nrs-questionnaire", "pain.nrs",
        "QuestionnaireResponse numeric answer, in a Composition section", "section LOINC 72514-3");
    public static readonly MappingRow Disability = new("pain-disability", "pain.disabilityScale, pain.disabilityScore", "Observation.value[x]",
        "LOINC 97908-8 or 97909-6 (ODI), 82226-2 or 82237-9 (NDI); UCUM % or {score}");
    public static readonly MappingRow DisabilityQuestionnaire = new("pain-disability-questionnaire", "pain.disabilityScale, pain.disabilityScore",
        "QuestionnaireResponse answer valueCoding + itemWeight, or numeric answer of an item coded so", "LOINC 97909-6 (ODI), 82237-9 (NDI)");
    public static readonly MappingRow Inr = new("labs-inr", "labs.inr, labs.inrDate", "Observation.valueQuantity, effective[x]", "LOINC 6301-6, 34714-6; UCUM {INR}, {ratio}, 1");
    public static readonly MappingRow Platelets = new("labs-platelets", "labs.platelets, labs.plateletsDate", "Observation.valueQuantity, effective[x]",
        "LOINC 777-3, 26515-7; UCUM 10*3/uL, 10*9/L (×1), /uL (÷1000)");
    public static readonly MappingRow HbA1c = new("labs-hba1c", "labs.hbA1c, labs.hbA1cDate", "Observation.valueQuantity, effective[x]",
        "LOINC 4548-4, 17856-6; UCUM % (NGSP), mmol/mol (IFCC → NGSP: 0.09148 × IFCC + 2.152)");
    public static readonly MappingRow Glucose = new("labs-glucose", "labs.glucose, labs.glucoseDate", "Observation.valueQuantity, effective[x]",
        "LOINC 2345-7, 2339-0; UCUM mg/dL, mmol/L (× 18.016)");
    public static readonly MappingRow Creatinine = new("labs-creatinine", "labs.creatinine, labs.creatinineDate", "Observation.valueQuantity, effective[x]",
        "LOINC 2160-0, 38483-4; UCUM mg/dL, umol/L (÷ 88.42)");
    public static readonly MappingRow CaseField = new("case-field", "any scalar case field", "Observation.value[x]",
        $"Observation.code {SpineDecisionFhirUris.CaseFieldSystem} with the case path as code, e.g. exam.imagingConcordant");
    public static readonly MappingRow ExamFinding = new("exam-findings", "exam.findings", "Observation.code, valueCodeableConcept, bodySite",
        $"code in {SpineDecisionFhirUris.Base}CodeSystem/exam-test, value in …/exam-result");
    public static readonly MappingRow Diagnoses = new("diagnoses", "diagnoses",
        "Condition.code, verificationStatus, clinicalStatus, onset[x], bodySite", "ICD-10-CM, SNOMED CT (any code of a declared system; unclaimed codes kept)");
    public static readonly MappingRow DiagnosisLevels = new("diagnoses-levels", "diagnoses[].levels", "Condition.bodySite text or display",
        "spinal levels as charted: L4-L5, L4-5, L5/S1, T12 (C1–C7, T1–T12, L1–L5, S1)");
    public static readonly MappingRow DiagnosisStaged = new("diagnoses-staged", "diagnoses[].staged", "Condition.stage.summary or stage.assessment",
        "a stage with a summary (any code or text) or an assessment → true; none leaves it unknown (the rules read it for a spinal malignancy)");
    public static readonly MappingRow DiagnosisOnTreatment = new("diagnoses-on-treatment", "diagnoses[].onTreatment",
        "MedicationRequest (active, on-hold) / MedicationStatement (active, intended) of a systemic cancer therapy, or a radiotherapy Procedure in progress, whose reasonReference is the Condition or whose reasonCode carries its code",
        "ATC L01 antineoplastic, L02 endocrine therapy; SNOMED 108290001, 1287742003 radiotherapy (HL7 CodeX RT); not begun after the assessment date → true; none leaves it unknown, never false");
    public static readonly MappingRow PainLocations = new("pain-locations", "pain.locations",
        "Condition.bodySite (spine diagnosis or ICD-10-CM M40–M54, not historical); Observation.bodySite (LOINC 72514-3); Observation.value[x] and bodySite (LOINC 38204-4)",
        $"SNOMED 39723000 sacroiliac joint → psis, 46862004 buttock, 16982005 shoulder; {SpineDecisionFhirUris.Base}CodeSystem/pain-location; side from a side code among the sites (SNOMED 7771000, 24028007, 51440002)");
    public static readonly MappingRow PainRegion = new("pain-region", "pain.region", "bodySite of a pain location (as pain.locations)",
        "SNOMED 122496007 lumbar spine, 37822005 lower back → lumbar");
    public static readonly MappingRow RedFlags = new("red-flags", "redFlags", "Condition.code (active), extension red-flag-explained",
        $"codes the vocabulary's red-flag set claims; {SpineDecisionFhirUris.RedFlagExplainedExtension} valueBoolean → explained (absent: unexplained)");
    public static readonly MappingRow Comorbidities = new("comorbidities", "comorbidities", "Condition.code (active)", "codes the vocabulary's comorbidity set claims");
    public static readonly MappingRow ReasonCode = new("diagnoses-reason", "diagnoses", "ServiceRequest.reasonCode", "ICD-10-CM, SNOMED CT");
    public static readonly MappingRow PriorProcedures = new("prior-procedures", "priorProcedures",
        "Procedure.code, performed[x], bodySite, relief extensions", "CPT, HCPCS, SNOMED CT; CPT descriptors give region and approach");
    public static readonly MappingRow ProcedurePain = new("prior-procedures-pain", "priorProcedures[].painBefore, priorProcedures[].painAfter",
        "Observation.partOf → Procedure, value[x], effective[x]; extension procedure-pain-timing (before, after)",
        "LOINC 72514-3, 0–10 unitless; before: the latest reading before the procedure; after: the one reading after it (several leave it unknown); same-day dates without times need the extension");
    public static readonly MappingRow ConservativeCare = new("conservative-care", "conservativeCare", "Procedure.code, performedPeriod, outcome",
        $"code in {SpineDecisionFhirUris.Base}CodeSystem/therapy-modality, outcome in …/therapy-outcome; weeks from the period");
    public static readonly MappingRow Trials = new("trials", "trials", "Procedure.code, performedPeriod, relief-percent extension",
        $"code in {SpineDecisionFhirUris.Base}CodeSystem/trial-kind; days from the period, date its end");
    public static readonly MappingRow Devices = new("devices", "devices", "Device.type, status, statusReason",
        $"type in {SpineDecisionFhirUris.Base}CodeSystem/device-kind (or a code the device-kind set claims); status active → working, "
        + "statusReason in …/device-status (working, failed, explanted) and …/device-event-reason; any other status leaves the list unknown");
    public static readonly MappingRow DeviceProcedures = new("devices-procedures", "devices", "Procedure.code, performed[x] (completed)",
        "scs-implant (CPT 63655, 63685), intrathecal-pump (CPT 62351, 62360–62362) → working; CPT 63661, 63662 electrode removal → scs explanted; the latest event per device wins, a Device resource's status over both");
    public static readonly MappingRow Medications = new("medications", "medications", "MedicationRequest / MedicationStatement medication[x], Medication.ingredient",
        "RxNorm ingredient, ATC (class through the vocabulary's medication-class codes)");
    public static readonly MappingRow Mme = new("medications-mme", "medications[].mmePerDay", "MedicationRequest / MedicationStatement extension mme-per-day",
        $"{SpineDecisionFhirUris.MmePerDayExtension}: valueQuantity UCUM {{MME}}/d or mg/d, or valueDecimal");
    public static readonly MappingRow Allergies = new("allergies", "allergies", "AllergyIntolerance.code", "SNOMED CT, RxNorm, ICD-10-CM (any declared system)");
    public static readonly MappingRow NoKnownAllergies = new("allergies-none", "allergies", "AllergyIntolerance.code", "SNOMED 716186003 no known allergy → []");
    public static readonly MappingRow Imaging = new("imaging", "imaging", "ImagingStudy.modality, series.modality, started, series.bodySite",
        "DICOM MR, CT, CR, DX; SNOMED 122494005 cervical, 122495006 thoracic, 122496007 lumbar spine");
    public static readonly MappingRow ImagingFindings = new("imaging-findings", "imaging[].findings", "DiagnosticReport.conclusionCode, imagingStudy",
        "codes the vocabulary's imaging-finding set claims (a report without a study gives a study of unknown modality)");
    public static readonly MappingRow ImagingResults = new("imaging-results", "imaging[].findings[].finding, imaging[].findings[].level, imaging[].findings[].side", "DiagnosticReport.result → Observation.code, value[x], bodySite (a report with an imagingStudy, or category v2-0074 RAD or LOINC LP29684-5)",
        "code as for conclusionCode; value SNOMED 52101004 present (or no value, or true), 2667000 / 272519000 absent (or false) → left out; bodySite levels as charted (T12, L4-5) and a side code");
    public static readonly MappingRow ImagingFindingDetails = new("imaging-finding-details", "imaging[].findings[].acute, imaging[].findings[].marrowOedema, imaging[].findings[].boneScanUptake, imaging[].findings[].heightLossPercent",
        "DiagnosticReport.result → Observation.component.code, value[x]",
        $"SNOMED 263502005 clinical course: 424124008 sudden onset / short duration or 19939008 subacute → acute, 90734009 chronic → not acute; {SpineDecisionFhirUris.CaseFieldSystem} "
        + "imaging.findings.acute, .marrowOedema, .boneScanUptake (valueBoolean or SNOMED present/absent), .heightLossPercent (UCUM %, or a bare number)");
    public static readonly MappingRow RequestedProcedure = new("referral-requested", "referral.requestedProcedure", "ServiceRequest.code (active, draft)",
        "CPT, HCPCS, procedure concept system");
    public static readonly MappingRow RequestedLevels = new("referral-levels", "referral.levels", "ServiceRequest.bodySite text or display (of the request whose code is mapped)",
        "spinal levels as charted: L4-L5, L4-5, L5/S1, T12");
    public static readonly MappingRow RequestedSide = new("referral-side", "referral.side", "ServiceRequest.bodySite (of the request whose code is mapped)",
        "a side code among the sites: SNOMED 7771000 left, 24028007 right, 51440002 bilateral, or the side concept system");
    public static readonly MappingRow EmptyList = new("list-empty", "any case list", "List.code, emptyReason nilknown",
        $"LOINC 48765-2 allergies, 10160-0 medications, 11450-4 problems, 47519-4 procedures; {SpineDecisionFhirUris.CaseFieldSystem} with a list path");

    public static ImmutableArray<MappingRow> Rows { get; } =
    [
        Age, Sex, Pregnancy, Hospitalised, Nrs, NrsQuestionnaire, Disability, DisabilityQuestionnaire, Inr, Platelets, HbA1c, Glucose,
        Creatinine, CaseField, ExamFinding, PainLocations, PainRegion, Diagnoses, DiagnosisLevels, DiagnosisStaged, DiagnosisOnTreatment, RedFlags, Comorbidities, ReasonCode, PriorProcedures, ProcedurePain, ConservativeCare, Trials,
        Devices, DeviceProcedures, Medications, Mme, Allergies, NoKnownAllergies, Imaging, ImagingFindings, ImagingResults, ImagingFindingDetails, RequestedProcedure, RequestedLevels, RequestedSide, EmptyList,
    ];

    /// <summary>The table as Markdown, for the README.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| case field | FHIR R4 element | codes and units |\n|---|---|---|\n");
        foreach (var row in Rows)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{row.CasePath}` | {row.Fhir} | {row.Codes} |\n");
        }

        return text.ToString();
    }
}
