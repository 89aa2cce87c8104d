using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>Every mapped resource type, entered in error or dated after the assessment: ignored, reported, and its case field left unknown.</summary>
public sealed class ResourceStatusTests
{
    private const string Cpt = "http://www.ama-assn.org/go/cpt";

    private static IEnumerable<TestCaseData> Resources()
    {
        yield return Case("Observation", "pain.nrs", status => $$"""{ "resourceType": "Observation", "id": "x", "status": "{{status ?? "final"}}", "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] }, "effectiveDateTime": "{{Date}}", "valueInteger": 6 }""");
        yield return Case("Procedure", "priorProcedures", status => $$"""{ "resourceType": "Procedure", "id": "x", "status": "{{status ?? "completed"}}", "code": { "coding": [{ "system": "{{Cpt}}", "code": "64483" }] }, "performedDateTime": "{{Date}}" }""");
        yield return Case("MedicationRequest", "medications", status => $$"""{ "resourceType": "MedicationRequest", "id": "x", "status": "{{status ?? "active"}}", "intent": "order", "medicationCodeableConcept": { "coding": [{ "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1364430" }] }, "authoredOn": "{{Date}}" }""");
        yield return Case("MedicationStatement", "medications", status => $$"""{ "resourceType": "MedicationStatement", "id": "x", "status": "{{status ?? "active"}}", "medicationCodeableConcept": { "coding": [{ "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1364430" }] }, "effectiveDateTime": "{{Date}}" }""");
        yield return Case("ImagingStudy", "imaging", status => $$"""{ "resourceType": "ImagingStudy", "id": "x", "status": "{{status ?? "available"}}", "started": "{{Date}}", "modality": [{ "system": "http://dicom.nema.org/resources/ontology/DCM", "code": "MR" }] }""");
        yield return Case("DiagnosticReport", "imaging", status => $$"""{ "resourceType": "DiagnosticReport", "id": "x", "status": "{{status ?? "final"}}", "code": { "text": "MRI" }, "effectiveDateTime": "{{Date}}", "conclusionCode": [{ "coding": [{ "system": "http://snomed.info/sct", "code": "73589001" }] }] }""");
        yield return Case("ServiceRequest", "referral.requestedProcedure", status => $$"""{ "resourceType": "ServiceRequest", "id": "x", "status": "{{status ?? "active"}}", "intent": "order", "authoredOn": "{{Date}}", "code": { "coding": [{ "system": "{{Cpt}}", "code": "64635" }] } }""");
        yield return Case("Encounter", "patient.hospitalised", status => $$"""{ "resourceType": "Encounter", "id": "x", "status": "{{status ?? "in-progress"}}", "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP" }, "period": { "start": "{{Date}}" } }""");
        yield return Case("QuestionnaireResponse", "pain.disabilityScore", status => $$"""{ "resourceType": "QuestionnaireResponse", "id": "x", "status": "{{status ?? "completed"}}", "authored": "{{Date}}", "item": [{ "linkId": "score", "answer": [{ "valueCoding": { "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 30 }], "system": "http://loinc.org", "code": "97909-6" } }] }] }""");
        yield return Case("Condition", "diagnoses", status => $$"""{ "resourceType": "Condition", "id": "x", {{(status is null ? "" : $$"""
            "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "{{status}}" }] },
            """)}} "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M51.16" }] }, "onsetDateTime": "{{Date}}" }""");
        yield return Case("AllergyIntolerance", "allergies", status => $$"""{ "resourceType": "AllergyIntolerance", "id": "x", "patient": { "reference": "Patient/p1" }, {{(status is null ? "" : $$"""
            "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "code": "{{status}}" }] },
            """)}} "code": { "coding": [{ "system": "http://snomed.info/sct", "code": "111088007" }] }, "recordedDate": "{{Date}}" }""");
    }

    private const string Date = "{date}";

    private static TestCaseData Case(string type, string casePath, Func<string?, string> resource) =>
        new TestCaseData(type, casePath, resource).SetArgDisplayNames(type);

    [TestCaseSource(nameof(Resources))]
    public void Map_ResourceOnTheAssessmentDate_IsMapped(string type, string casePath, Func<string?, string> resource)
    {
        var (_, mapping, _) = Evaluate(Bundle(Patient(), resource(null).Replace(Date, "2026-11-01", StringComparison.Ordinal)));

        mapping.Unknown.Should().NotContain(casePath, $"{type} dated on the assessment date maps");
    }

    [TestCaseSource(nameof(Resources))]
    public void Map_ResourceEnteredInError_IsIgnoredAndItsFieldStaysUnknown(string type, string casePath, Func<string?, string> resource)
    {
        var (_, mapping, _) = Evaluate(Bundle(Patient(), resource("entered-in-error").Replace(Date, "2026-10-01", StringComparison.Ordinal)));

        mapping.Ignored.Should().Contain(i => i.Source == $"{type}/x" && i.Reason == FhirIgnoreReason.EnteredInError);
        mapping.Unknown.Should().Contain(casePath);
    }

    [TestCaseSource(nameof(Resources))]
    public void Map_ResourceDatedTheDayAfterTheAssessment_IsIgnoredAndItsFieldStaysUnknown(string type, string casePath, Func<string?, string> resource)
    {
        var (_, mapping, _) = Evaluate(Bundle(Patient(), resource(null).Replace(Date, "2026-11-02", StringComparison.Ordinal)));

        mapping.Ignored.Should().Contain(i => i.Source == $"{type}/x" && i.Reason == FhirIgnoreReason.AfterAssessmentDate);
        mapping.Unknown.Should().Contain(casePath);
    }
}
