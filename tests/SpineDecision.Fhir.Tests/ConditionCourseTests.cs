using SpineDecision.Cases;
using SpineDecision.Fhir.Mapping;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>
/// A Condition's stage (<c>diagnoses[].staged</c>) and a cancer treatment in progress for it
/// (<c>diagnoses[].onTreatment</c>): present, absent, empty, of the wrong kind, not current, entered in error, refuted,
/// through to the cancer-history red flag they explain (CLINICAL.md §11).
/// </summary>
public sealed class ConditionCourseTests
{
    private const string Icd = "http://hl7.org/fhir/sid/icd-10-cm";
    private const string Atc = "http://www.whocc.no/atc";
    private const string StageIv = """[{ "summary": { "coding": [{ "system": "http://cancerstaging.org", "code": "4" }], "text": "Stage IV" } }]""";

    /// <summary>A confirmed bone metastasis (C79.51: the vocabulary's spinal-metastasis) with the given stage element.</summary>
    private static string Metastasis(string? stage = StageIv, string verification = "confirmed") => $$"""
        { "resourceType": "Condition", "id": "met",
          "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
          "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "{{verification}}" }] },
          "code": { "coding": [{ "system": "{{Icd}}", "code": "C79.51" }] }{{(stage is null ? "" : $", \"stage\": {stage}")}} }
        """;

    /// <summary>A personal history of breast cancer (Z85.3): the history-of-cancer red flag.</summary>
    private const string CancerHistory = """
        { "resourceType": "Condition", "id": "history",
          "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
          "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "Z85.3" }] } }
        """;

    private const string ForTheMetastasis = "\"reasonCode\": [{ \"coding\": [{ \"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"C79.51\" }] }]";

    private static string Order(string atc = "L02BG04", string status = "active", string reason = ForTheMetastasis, string authored = "2026-09-01") => $$"""
        { "resourceType": "MedicationRequest", "id": "therapy", "status": "{{status}}", "intent": "order", "authoredOn": "{{authored}}",
          "medicationCodeableConcept": { "coding": [{ "system": "{{Atc}}", "code": "{{atc}}" }] }, {{reason}} }
        """;

    private static string Radiotherapy(string status = "in-progress", string code = "1287742003") => $$"""
        { "resourceType": "Procedure", "id": "rt", "status": "{{status}}",
          "code": { "coding": [{ "system": "http://snomed.info/sct", "code": "{{code}}" }] },
          "performedPeriod": { "start": "2026-10-20", "end": "2026-11-14" }, {{ForTheMetastasis}} }
        """;

    /// <summary>A cancer history, a staged metastasis and an endocrine therapy for it: for the mapping-table coverage test.</summary>
    public static string StagedMetastasisOnTreatment => Bundle(Patient(), CancerHistory, Metastasis(), Order());

    private static Diagnosis MappedMetastasis(params string[] resources) =>
        Map(Bundle([Patient(), .. resources])).Case.Diagnoses!.Single(d => d.Code == "ICD10CM:C79.51");

    [Test]
    public void Map_StageWithASummary_IsStagedAndReported()
    {
        var result = Map(Bundle(Patient(), Metastasis()));

        result.Case.Diagnoses!.Single().Staged.Should().BeTrue();
        result.Report.Mapped.Should().Contain(new FhirMappedItem("Condition/met stage", "diagnoses[].staged", "true"));
        result.Report.RowsUsed.Should().Contain(MappingTable.DiagnosisStaged.Id);
    }

    [Test]
    public void Map_StageWithAnAssessmentOnly_IsStaged()
    {
        MappedMetastasis(Metastasis("""[{ "assessment": [{ "reference": "DiagnosticReport/staging-ct" }] }]""")).Staged.Should().BeTrue();
    }

    [TestCase(null, TestName = "Map_NoStage_LeavesStagedUnknown")]
    [TestCase("""[{ "type": { "text": "Clinical staging" } }]""", TestName = "Map_StageWithNeitherSummaryNorAssessment_LeavesStagedUnknown")]
    [TestCase("""[{ "summary": { "coding": [{ "system": "http://cancerstaging.org" }] } }]""", TestName = "Map_StageSummaryWithoutACodeOrText_LeavesStagedUnknown")]
    public void Map_NoStageDocumented_LeavesStagedUnknown(string? stage)
    {
        MappedMetastasis(Metastasis(stage)).Staged.Should().BeNull("no stage is not 'not staged'");
    }

    [Test]
    public void Map_AntineoplasticOrderWhoseReasonCodeIsTheConditions_IsOnTreatment()
    {
        var result = Map(Bundle(Patient(), Metastasis(), Order()));

        result.Case.Diagnoses!.Single(d => d.Code == "ICD10CM:C79.51").OnTreatment.Should().BeTrue();
        result.Report.Mapped.Should().Contain(new FhirMappedItem("MedicationRequest/therapy reason → Condition/met", "diagnoses[].onTreatment", "true"));
        result.Report.RowsUsed.Should().Contain(MappingTable.DiagnosisOnTreatment.Id);
    }

    [Test]
    public void Map_AntineoplasticOrderNamingTheConditionOnlyByReference_IsOnTreatment()
    {
        var result = Map(Bundle(Patient(), Metastasis(), Order(reason: "\"reasonReference\": [{ \"reference\": \"Condition/met\" }]")));

        result.Case.Diagnoses!.Single().OnTreatment.Should().BeTrue();
        result.Report.Mapped.Should().Contain(new FhirMappedItem("MedicationRequest/therapy reason → Condition/met", "diagnoses[].onTreatment", "true"));
    }

    [Test]
    public void Map_RadiotherapyNamingTheConditionByUrnUuid_IsOnTreatment()
    {
        var radiotherapy = Radiotherapy().Replace(ForTheMetastasis, "\"reasonReference\": [{ \"reference\": \"urn:uuid:met\" }]", StringComparison.Ordinal);

        MappedMetastasis(Metastasis(), radiotherapy).OnTreatment.Should().BeTrue();
    }

    [TestCase("Condition/history", TestName = "Map_AntineoplasticOrderReferencingAnotherCondition_LeavesOnTreatmentUnknown")]
    [TestCase("Condition/absent", TestName = "Map_AntineoplasticOrderReferencingAConditionNotInTheBundle_LeavesOnTreatmentUnknown")]
    [TestCase("Observation/met", TestName = "Map_AntineoplasticOrderReferencingAnotherTypeWithTheSameId_LeavesOnTreatmentUnknown")]
    public void Map_ReasonReferenceNotToTheCondition_LeavesOnTreatmentUnknown(string reference)
    {
        var order = Order(reason: $$"""
            "reasonReference": [{ "reference": "{{reference}}" }]
            """);

        MappedMetastasis(Metastasis(), order, CancerHistory).OnTreatment.Should().BeNull();
    }

    [Test]
    public void Map_StoppedAntineoplasticOrderReferencingTheCondition_LeavesOnTreatmentUnknown()
    {
        MappedMetastasis(Metastasis(), Order(status: "stopped", reason: "\"reasonReference\": [{ \"reference\": \"Condition/met\" }]")).OnTreatment.Should().BeNull();
    }

    [Test]
    public void Map_AntineoplasticStatementForTheCondition_IsOnTreatment()
    {
        var statement = """
            { "resourceType": "MedicationStatement", "id": "s", "status": "active", "effectivePeriod": { "start": "2026-09-01" },
              "medicationCodeableConcept": { "coding": [{ "system": "http://www.whocc.no/atc", "code": "L01XC08" }] },
              "reasonCode": [{ "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "C79.51" }] }] }
            """;

        MappedMetastasis(Metastasis(), statement).OnTreatment.Should().BeTrue();
    }

    [TestCase("N02AA05", "active", "2026-09-01", TestName = "Map_AnalgesicOrderedForTheCancer_LeavesOnTreatmentUnknown")]
    [TestCase("L02BG04", "stopped", "2026-09-01", TestName = "Map_StoppedAntineoplasticOrder_LeavesOnTreatmentUnknown")]
    [TestCase("L02BG04", "entered-in-error", "2026-09-01", TestName = "Map_AntineoplasticOrderEnteredInError_LeavesOnTreatmentUnknown")]
    [TestCase("L02BG04", "active", "2026-11-02", TestName = "Map_AntineoplasticOrderAfterTheAssessmentDate_LeavesOnTreatmentUnknown")]
    public void Map_NoCurrentCancerTherapy_LeavesOnTreatmentUnknown(string atc, string status, string authored)
    {
        MappedMetastasis(Metastasis(), Order(atc, status, authored: authored)).OnTreatment.Should().BeNull("no current cancer treatment is not 'not on treatment'");
    }

    [Test]
    public void Map_AntineoplasticOrderForAnotherCondition_LeavesOnTreatmentUnknown()
    {
        MappedMetastasis(Metastasis(), Order(reason: "\"reasonCode\": [{ \"coding\": [{ \"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"Z85.3\" }] }]"), CancerHistory).OnTreatment.Should().BeNull();
    }

    [Test]
    public void Map_RadiotherapyInProgressForTheCondition_IsOnTreatmentAndTheProcedureIsReportedNotCurrent()
    {
        var result = Map(Bundle(Patient(), Metastasis(), Radiotherapy()));

        result.Case.Diagnoses!.Single().OnTreatment.Should().BeTrue();
        result.Report.Ignored.Should().Contain(i => i.Source == "Procedure/rt" && i.Reason == FhirIgnoreReason.NotCurrent);
        result.Case.PriorProcedures.Should().BeNull();
    }

    [TestCase("completed", "1287742003", TestName = "Map_CompletedRadiotherapy_LeavesOnTreatmentUnknown")]
    [TestCase("in-progress", "387713003", TestName = "Map_OtherProcedureInProgress_LeavesOnTreatmentUnknown")]
    public void Map_NoRadiotherapyInProgress_LeavesOnTreatmentUnknown(string status, string code)
    {
        MappedMetastasis(Metastasis(), Radiotherapy(status, code)).OnTreatment.Should().BeNull();
    }

    [Test]
    public void Evaluate_StagedMetastasisOnTreatment_ExplainsTheCancerHistory()
    {
        var (_, _, report) = Evaluate(StagedMetastasisOnTreatment);

        report.Alerts.Should().NotContain(a => a.Rule.RuleId == "RF-TUMOUR-001");
        report.InformationNeeded.Should().NotContain(i => i.Rule.RuleId == "RF-ASK-CANCER-001");
    }

    [TestCase(null, true, TestName = "Evaluate_MetastasisOnTreatmentButNotStaged_KeepsTheRedFlagAndAsks")]
    [TestCase(StageIv, false, TestName = "Evaluate_StagedMetastasisWithoutTreatment_KeepsTheRedFlagAndAsks")]
    public void Evaluate_StageOrTreatmentMissing_KeepsTheRedFlagAndAsks(string? stage, bool treated)
    {
        var resources = new List<string> { Patient(), CancerHistory, Metastasis(stage) };
        if (treated)
        {
            resources.Add(Order());
        }

        var (_, _, report) = Evaluate(Bundle([.. resources]));

        report.Alerts.Should().Contain(a => a.Rule.RuleId == "RF-TUMOUR-001");
        report.InformationNeeded.Should().Contain(i => i.Rule.RuleId == "RF-ASK-CANCER-001");
    }

    [TestCase("refuted", TestName = "Evaluate_RefutedMetastasisStagedAndTreated_KeepsTheRedFlag")]
    [TestCase("entered-in-error", TestName = "Evaluate_MetastasisEnteredInError_KeepsTheRedFlag")]
    public void Evaluate_MetastasisNotCurrent_KeepsTheRedFlag(string verification)
    {
        var (patientCase, mapping, report) = Evaluate(Bundle(Patient(), CancerHistory, Metastasis(verification: verification), Order()));

        patientCase.Diagnoses.Should().NotContain(d => d.Code == "ICD10CM:C79.51");
        mapping.Ignored.Should().Contain(i => i.Source == "Condition/met");
        report.Alerts.Should().Contain(a => a.Rule.RuleId == "RF-TUMOUR-001");
    }
}
