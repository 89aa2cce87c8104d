using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>Opioid doses in morphine milligram equivalents per day, from the project's extension.</summary>
public sealed class MmeTests
{
    public static string Opioid(string? mme) =>
        $$"""
        { "resourceType": "MedicationRequest", "id": "oxy", "status": "active", "intent": "order", "authoredOn": "2026-10-01",
          {{(mme is null ? "" : $$""" "extension": [{ "url": "https://spinedecision.org/fhir/StructureDefinition/mme-per-day", {{mme}} }], """)}}
          "medicationCodeableConcept": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/medication-class", "code": "opioid" }], "text": "oxycodone" } }
        """;

    [TestCase("\"valueQuantity\": { \"value\": 45, \"system\": \"http://unitsofmeasure.org\", \"code\": \"{MME}/d\" }", 45)]
    [TestCase("\"valueQuantity\": { \"value\": 90, \"system\": \"http://unitsofmeasure.org\", \"code\": \"mg/d\" }", 90)]
    [TestCase("\"valueDecimal\": 10000", 10000)]
    public void Map_OpioidWithMme_GivesItsDailyMme(string value, double expected)
    {
        var (patientCase, _, report) = Evaluate(Bundle(Patient(), Opioid(value)));

        patientCase.Medications.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.Medication { Class = "opioid", Name = "oxycodone", MmePerDay = expected });
        report.Disposition.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void Map_OpioidWithoutMme_LeavesTheDoseUnknown()
    {
        var patientCase = Map(Bundle(Patient(), Opioid(null))).Case;

        patientCase.Medications.Should().ContainSingle().Which.MmePerDay.Should().BeNull();
    }

    [TestCase("\"valueQuantity\": { \"value\": 45, \"system\": \"http://unitsofmeasure.org\", \"code\": \"mg\" }", FhirIgnoreReason.WrongUnit)]
    [TestCase("\"valueDecimal\": 10001", FhirIgnoreReason.InvalidValue)]
    [TestCase("\"valueString\": \"high\"", FhirIgnoreReason.WrongUnit)]
    public void Map_MmeInAWrongUnitOrOutOfRange_IsReportedAndLeftUnknown(string value, FhirIgnoreReason reason)
    {
        var result = Map(Bundle(Patient(), Opioid(value)));

        result.Case.Medications.Should().ContainSingle().Which.MmePerDay.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Source == "MedicationRequest/oxy" && i.Reason == reason);
    }
}
