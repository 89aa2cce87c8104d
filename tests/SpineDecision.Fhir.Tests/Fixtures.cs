namespace SpineDecision.Fhir.Tests;

/// <summary>
/// The hand-written FHIR fixtures: one rich Bundle file and small Bundles for single behaviours. The mapping-table
/// coverage test maps them all and checks that every table row was used.
/// </summary>
internal static class Fixtures
{
    public static string LumbarRadicular => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "lumbar-radicular.bundle.json"));

    public const string Rx = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Atc = "http://www.whocc.no/atc";

    public static string Observation(string id, string loinc, string value, string date = "2026-10-20", string status = "final") =>
        $$"""{ "resourceType": "Observation", "id": "{{id}}", "status": "{{status}}", "code": { "coding": [{ "system": "http://loinc.org", "code": "{{loinc}}" }] }, "effectiveDateTime": "{{date}}", {{value}} }""";

    public static string Quantity(double value, string ucum) =>
        $$"""
        "valueQuantity": { "value": {{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "system": "http://unitsofmeasure.org", "code": "{{ucum}}" }
        """;

    public static string Condition(string id, string system, string code, string? verification = null, string? clinical = null) =>
        $$"""
        { "resourceType": "Condition", "id": "{{id}}",
          {{(verification is null ? "" : $$"""
          "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "{{verification}}" }] },
          """)}}
          {{(clinical is null ? "" : $$"""
          "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "{{clinical}}" }] },
          """)}}
          "code": { "coding": [{ "system": "{{system}}", "code": "{{code}}" }] } }
        """;

    public static string Medication(string id, string system, string code, string status = "active") =>
        $$"""{ "resourceType": "MedicationRequest", "id": "{{id}}", "status": "{{status}}", "intent": "order", "medicationCodeableConcept": { "coding": [{ "system": "{{system}}", "code": "{{code}}" }], "text": "{{code}}" }, "authoredOn": "2026-10-01" }""";

    public static string Allergy(string id, string system, string code, string? verification = null) =>
        $$"""
        { "resourceType": "AllergyIntolerance", "id": "{{id}}", "patient": { "reference": "Patient/p1" },
          {{(verification is null ? "" : $$"""
          "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "code": "{{verification}}" }] },
          """)}}
          "code": { "coding": [{ "system": "{{system}}", "code": "{{code}}" }] } }
        """;

    public const string InpatientNow = """
        { "resourceType": "Encounter", "id": "stay", "status": "in-progress", "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP" }, "period": { "start": "2026-10-30" } }
        """;

    public const string TrialProcedure = """
        { "resourceType": "Procedure", "id": "trial", "status": "completed",
          "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/trial-kind", "code": "scs" }] },
          "performedPeriod": { "start": "2026-10-13", "end": "2026-10-20" },
          "outcome": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/therapy-outcome", "code": "improved" }] },
          "extension": [{ "url": "https://spinedecision.org/fhir/StructureDefinition/relief-percent", "valueDecimal": 60 }] }
        """;

    public const string RedFlagCondition = """
        { "resourceType": "Condition", "id": "weight-loss", "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
          "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "R63.4" }] } }
        """;

    public const string StandaloneImagingReport = """
        { "resourceType": "DiagnosticReport", "id": "xr", "status": "final", "code": { "text": "XR lumbar spine" }, "effectiveDateTime": "2026-09-01",
          "conclusionCode": [{ "coding": [{ "system": "http://snomed.info/sct", "code": "274152003" }] }] }
        """;

    public const string AllergyListEmpty = """
        { "resourceType": "List", "id": "allergy-list", "status": "current", "mode": "snapshot", "code": { "coding": [{ "system": "http://loinc.org", "code": "48765-2" }] },
          "emptyReason": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/list-empty-reason", "code": "nilknown" }] } }
        """;

    public const string MskQuestionnaires = """
        { "resourceType": "Bundle", "type": "document", "entry": [
          { "resource": { "resourceType": "Composition", "id": "doc", "status": "final", "type": { "text": "MSK" }, "date": "2026-10-01", "title": "MSK", "author": [{ "display": "x" }],
              "section": [{ "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] }, "entry": [{ "reference": "QuestionnaireResponse/nrs" }] }] } },
          { "resource": { "resourceType": "QuestionnaireResponse", "id": "nrs", "status": "completed", "authored": "2026-10-01", "item": [{ "linkId": "1", "answer": [{ "valueInteger": 7 }] }] } },
          { "resource": { "resourceType": "QuestionnaireResponse", "id": "ndi", "status": "completed", "authored": "2026-10-01", "item": [{ "linkId": "score", "answer": [{ "valueCoding": {
              "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 40 }], "system": "http://loinc.org", "code": "82237-9" } }] }] } }
        ] }
        """;

    /// <summary>A suspected SI-joint dysfunction over the right sacroiliac joint and buttock at L5-S1, in a low back.</summary>
    public static string SiCondition(string? verification = "provisional", string? clinical = "active", string bodySites = RightSiJointAndButtock)
    {
        var clinicalStatus = clinical is null ? "" : $$""" "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "{{clinical}}" }] }, """;
        var verificationStatus = verification is null ? "" : $$""" "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "{{verification}}" }] }, """;
        return $$"""
            { "resourceType": "Condition", "id": "sij", {{clinicalStatus}} {{verificationStatus}}
              "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M46.1" }] },
              {{(bodySites.Length == 0 ? "" : $"\"bodySite\": [{bodySites}],")}} "onsetDateTime": "2026-04-01" }
            """;
    }

    public const string RightSiJointAndButtock = """
        { "coding": [{ "system": "http://snomed.info/sct", "code": "39723000", "display": "Sacroiliac joint structure" }] },
        { "coding": [{ "system": "http://snomed.info/sct", "code": "46862004", "display": "Buttock structure" }] },
        { "coding": [{ "system": "http://snomed.info/sct", "code": "24028007", "display": "Right" }] },
        { "coding": [{ "system": "http://snomed.info/sct", "code": "37822005" }], "text": "lower back at L5/S1" }
        """;

    /// <summary>The rest of an SI-joint case (ehr-sacroiliac.yaml as FHIR), without any pain location.</summary>
    public static string[] SacroiliacContext() =>
    [
        FhirTestSupport.Patient("1965-05-01"),
        CaseFieldObservation("pattern", "pain.pattern", "\"valueCodeableConcept\": { \"coding\": [{ \"system\": \"https://spinedecision.org/fhir/CodeSystem/pain-pattern\", \"code\": \"axial\" }] }"),
        CaseFieldObservation("weeks", "pain.durationWeeks", "\"valueDecimal\": 30"),
        CaseFieldObservation("provocation", "exam.siProvocationPositive", "\"valueInteger\": 4"),
        Observation("nrs", "72514-3", Quantity(6, "{score}")),
        Observation("odi", "97909-6", Quantity(34, "%")),
        """{ "resourceType": "Procedure", "id": "pt", "status": "completed", "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/therapy-modality", "code": "physical-therapy" }] }, "performedPeriod": { "start": "2026-06-01", "end": "2026-07-27" }, "outcome": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/therapy-outcome", "code": "failed" }] } }""",
    ];

    /// <summary>A draft order for a left L4-L5 transforaminal epidural, for lumbar radiculopathy.</summary>
    public static string DraftOrder(string id = "order", string status = "draft", string authored = "2026-11-01", string cpt = "64483",
        string bodySites = """{ "coding": [{ "system": "http://snomed.info/sct", "code": "7771000", "display": "Left" }] }, { "text": "L4-L5 neural foramen" }""") =>
        $$"""
        { "resourceType": "ServiceRequest", "id": "{{id}}", "status": "{{status}}", "intent": "proposal", "subject": { "reference": "Patient/p1" }, "authoredOn": "{{authored}}",
          "code": { "coding": [{ "system": "http://www.ama-assn.org/go/cpt", "code": "{{cpt}}" }] },
          {{(bodySites.Length == 0 ? "" : $"\"bodySite\": [{bodySites}],")}}
          "reasonCode": [{ "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M54.16" }] }] }
        """;

    public static string CaseFieldObservation(string id, string path, string value) =>
        $$"""{ "resourceType": "Observation", "id": "{{id}}", "status": "final", "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/case-field", "code": "{{path}}" }] }, "effectiveDateTime": "2026-10-20", {{value}} }""";

    /// <summary>Every hand-written fixture, for the coverage test.</summary>
    public static IEnumerable<string> All()
    {
        yield return LumbarRadicular;
        yield return MskQuestionnaires;
        yield return ConditionCourseTests.StagedMetastasisOnTreatment;
        yield return FhirTestSupport.Bundle([.. SacroiliacContext(), SiCondition()]);
        yield return FhirTestSupport.Bundle(FhirTestSupport.Patient(), DraftOrder());
        yield return FhirTestSupport.Bundle(FhirTestSupport.Patient(), MmeTests.Opioid("\"valueDecimal\": 45"));
        yield return FhirTestSupport.Bundle(TrialProcedure.Replace("trial-kind", "procedure", StringComparison.Ordinal).Replace("\"scs\"", "\"medial-branch-block\"", StringComparison.Ordinal)
            .Replace("\"id\": \"trial\"", "\"id\": \"mbb1\"", StringComparison.Ordinal), ProcedurePainTests.Pain("before", "2026-10-01", 8));
        yield return FhirTestSupport.Bundle(FhirTestSupport.Patient(), DeviceTests.Device(statusReason: "failed"), DeviceTests.CptProcedure("ipg", "62362", "2022-01-10"));
        yield return FhirTestSupport.Bundle([.. ImagingFindingTests.VertebralFractureContext(), .. ImagingFindingTests.Study(ImagingFindingTests.AcuteFracture())]);
        yield return FhirTestSupport.Bundle(InpatientNow, TrialProcedure, RedFlagCondition, StandaloneImagingReport, AllergyListEmpty,
            Condition("dm", "http://hl7.org/fhir/sid/icd-10-cm", "E11.65", clinical: "active"),
            Allergy("latex", "http://snomed.info/sct", "111088007"),
            Medication("apixaban", Rx, "1364430"));
    }
}
