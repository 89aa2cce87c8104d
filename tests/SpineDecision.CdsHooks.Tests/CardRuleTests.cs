using System.Text.Json.Nodes;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>The card per disposition, on the lumbar TFESI order (the epidural family) with one datum changed each time.</summary>
public sealed class CardRuleTests : ServerFixture
{
    [Test]
    public async Task Call_RedFlag_CriticalCardWithoutSuggestions()
    {
        var request = Requests.Tfesi();
        request.Prefetch().Remove("reviews");
        request.AddToPrefetch("conditions", """
            { "resourceType": "Condition", "id": "weight-loss", "subject": { "reference": "Patient/pat-1042" }, "onsetDateTime": "2026-02-01",
              "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
              "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "R63.4", "display": "Abnormal weight loss" }] } }
            """);

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        var card = response["cards"]!.AsArray().Single()!;
        ((string)card["indicator"]!).Should().Be("critical");
        card["suggestions"].Should().BeNull();
    }

    [Test]
    public async Task Call_AxialPainTfesi_WarningWithWhyNotDeleteSuggestionAndOverrideReasons()
    {
        var request = Requests.Tfesi().SetClinicalObservation("pattern", "valueCodeableConcept",
            JsonNode.Parse("""{ "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/pain-pattern", "code": "axial" }] }""")!);

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        var card = response["cards"]!.AsArray().Single()!;
        ((string)card["indicator"]!).Should().Be("warning");
        ((string)card["selectionBehavior"]!).Should().Be("at-most-one");
        card["suggestions"]![0]!["actions"]![0]!.ToJsonString().Should().Be("""{"type":"delete","description":"Remove the draft order ServiceRequest/tfesi-order","resourceId":"ServiceRequest/tfesi-order"}""");
        card["overrideReasons"]!.AsArray().Should().NotBeEmpty();
        ((string)card["detail"]!).Should().Contain("### Criteria not met");
    }

    [Test]
    public async Task Call_Pregnant_DeferWarningStatingWhenToReassess()
    {
        var request = Requests.Tfesi();
        request.Prefetch()["patient"]!["gender"] = "female";
        request.AddToPrefetch("pregnancyObservations", """
            { "resourceType": "Observation", "id": "pregnancy", "status": "final", "subject": { "reference": "Patient/pat-1042" }, "effectiveDateTime": "2026-02-25",
              "code": { "coding": [{ "system": "http://loinc.org", "code": "82810-3" }] },
              "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "77386006", "display": "Pregnant" }] } }
            """);

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        var card = response["cards"]!.AsArray().Single()!;
        ((string)card["indicator"]!).Should().Be("warning");
        ((string)card["summary"]!).Should().StartWith("Defer Epidural steroid injection: reassess after delivery");
    }

    [Test]
    public async Task Call_DisabilityScaleMissing_InfoCardListingItWithLinkAndNoRating()
    {
        var request = Requests.Tfesi();
        request.Prefetch()["disabilityObservations"] = null;

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        var card = response["cards"]!.AsArray().Single()!;
        ((string)card["indicator"]!).Should().Be("info");
        ((string)card["detail"]!).Should().Contain("### Missing data").And.Contain("- pain.disabilityScore: ");
        card["links"]!.AsArray().Should().ContainSingle();
        response["systemActions"].Should().BeNull();
    }
}
