using Hl7.Fhir.Model;
using SpineDecision.Cases;
using SpineDecision.Fhir.Mapping;
using static SpineDecision.Fhir.Tests.Fixtures;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>Pain locations, diagnosis levels and sides from body sites; the SI-joint pathway entered from FHIR.</summary>
public sealed class PainLocationTests
{
    private static IEnumerable<string> RecommendedProcedures(string json) =>
        Evaluate(json).Report.Recommendations.Select(r => r.Procedure.Id);

    [Test]
    public void Map_SpineConditionOverTheSacroiliacJointAndButtock_GivesPainLocationsWithTheirSide()
    {
        var (patientCase, _, report) = Evaluate(Bundle([.. SacroiliacContext(), SiCondition()]));

        patientCase.Pain.Locations.Should().BeEquivalentTo(new[]
        {
            new PainLocation { Site = "psis", Side = "right" }, new PainLocation { Site = "buttock", Side = "right" },
        });
        patientCase.Pain.Region.Should().Be("lumbar");
        report.Disposition.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void Map_SacroiliacCaseWithLocation_EntersTheSiPathwayAndWithoutItDoesNot()
    {
        var withLocation = RecommendedProcedures(Bundle([.. SacroiliacContext(), SiCondition()]));
        var withoutLocation = RecommendedProcedures(Bundle([.. SacroiliacContext(), SiCondition(bodySites: """{ "coding": [{ "system": "http://snomed.info/sct", "code": "37822005" }] }""")]));

        withLocation.Should().Contain("sij-diagnostic-injection");
        withoutLocation.Should().NotContain("sij-diagnostic-injection");
    }

    [Test]
    public void Map_ConditionBodySite_GivesTheDiagnosisLevelsAndSide()
    {
        var diagnosis = Map(Bundle(SiCondition())).Case.Diagnoses!.Single();

        diagnosis.Levels.Should().Equal("L5-S1");
        diagnosis.Side.Should().Be("right");
        diagnosis.Status.Should().Be("suspected");
    }

    [TestCase("L4-L5", "L4-L5")]
    [TestCase("disc at L4-5", "L4-L5")]
    [TestCase("L5/S1 facet", "L5-S1")]
    [TestCase("T12 vertebra", "T12")]
    [TestCase("C7-T1", "C7-T1")]
    [TestCase("L6 vertebra", null)]
    [TestCase("C8", null)]
    [TestCase("Left lower back", null)]
    public void Levels_TextOfABodySite_IsReadAsChartedLevelsOnlyWhenTheyExist(string text, string? expected)
    {
        var levels = MappingSession.Levels([new CodeableConcept { Text = text }]);

        if (expected is null)
        {
            levels.Should().BeNull();
        }
        else
        {
            levels.Should().Equal(expected);
        }
    }

    [Test]
    public void Map_NoBodySite_LeavesPainLocationsUnknown()
    {
        var (patientCase, mapping, _) = Evaluate(Bundle([.. SacroiliacContext(), SiCondition(bodySites: "")]));

        patientCase.Diagnoses.Should().ContainSingle().Which.Code.Should().Be("ICD10CM:M46.1");
        patientCase.Pain.Locations.Should().BeNull();
        mapping.Unknown.Should().Contain("pain.locations");
    }

    [TestCase("refuted", FhirIgnoreReason.Refuted)]
    [TestCase("entered-in-error", FhirIgnoreReason.EnteredInError)]
    public void Map_RefutedOrInErrorConditionWithBodySites_GivesNoPainLocation(string verification, FhirIgnoreReason reason)
    {
        var (patientCase, mapping, _) = Evaluate(Bundle([.. SacroiliacContext(), SiCondition(verification)]));

        patientCase.Pain.Locations.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "Condition/sij" && i.Reason == reason);
    }

    [Test]
    public void Map_ResolvedConditionWithBodySites_IsAHistoricalDiagnosisWithoutPainLocation()
    {
        var patientCase = Map(Bundle(SiCondition(clinical: "resolved"))).Case;

        patientCase.Pain.Locations.Should().BeNull();
        patientCase.Diagnoses!.Single().Status.Should().Be("historical");
    }

    [Test]
    public void Map_ConditionOutsideTheSpineWithABodySite_GivesNoPainLocation()
    {
        const string ulcer = """
            { "resourceType": "Condition", "id": "ulcer", "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "L89.329" }] },
              "bodySite": [{ "coding": [{ "system": "http://snomed.info/sct", "code": "46862004" }] }] }
            """;

        Map(Bundle(ulcer)).Case.Pain.Locations.Should().BeNull();
    }

    [Test]
    public void Map_PainPrimaryLocationObservation_GivesTheLocationInTheProjectConceptSystem()
    {
        var observation = Observation("where", "38204-4",
            """ "valueCodeableConcept": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/pain-location", "code": "psis" }] }, "bodySite": { "coding": [{ "system": "http://snomed.info/sct", "code": "7771000" }] } """);

        var (patientCase, _, report) = Evaluate(Bundle(observation));

        patientCase.Pain.Locations.Should().ContainSingle().Which.Should().Be(new PainLocation { Site = "psis", Side = "left" });
        report.Disposition.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void Map_NrsObservationWithAnUnreadBodySite_KeepsTheScoreAndReportsTheSiteUnused()
    {
        var observation = Observation("nrs", "72514-3", Quantity(7, "{score}") + """, "bodySite": { "coding": [{ "system": "http://snomed.info/sct", "code": "999999001" }] }""");

        var (patientCase, mapping, _) = Evaluate(Bundle(observation));

        patientCase.Pain.Nrs.Should().Be(7);
        patientCase.Pain.Locations.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "Observation/nrs" && i.Reason == FhirIgnoreReason.Unused && i.Detail.Contains("999999001"));
    }

    [Test]
    public void Map_SamePainLocationFromTwoResources_IsListedOnce()
    {
        var observation = Observation("where", "38204-4", """ "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "46862004" }] }, "bodySite": { "coding": [{ "system": "http://snomed.info/sct", "code": "24028007" }] } """);

        var patientCase = Map(Bundle(SiCondition(), observation)).Case;

        patientCase.Pain.Locations!.Select(l => l.Site).Should().Equal("psis", "buttock");
    }
}
