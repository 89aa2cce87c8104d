using System.Text.Json.Nodes;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// Spine round trips per procedure family: a hand-written order-sign request (TestData/round-trip) whose draft order is
/// appropriate, and variations of it that make the order not indicated (with what is indicated instead), deferred, or
/// short of data: facet RFA and SCS implant here; the epidural family's four outcomes are in <see cref="CardRuleTests"/>.
/// </summary>
public sealed class RoundTripTests : ServerFixture
{
    private const string Sepsis = """
        { "resourceType": "Condition", "id": "sepsis", "subject": { "reference": "Patient/{patient}" }, "onsetDateTime": "2026-02-27",
          "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
          "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "A41.9", "display": "Sepsis, unspecified organism" }] } }
        """;

    [TestCase("facet-rfa.json")]
    [TestCase("scs-implant.json")]
    public async Task Call_Appropriate_InfoCardRatedProceed(string file)
    {
        var response = await Server.CallAsync(Requests.OrderSign, TestData.Read("round-trip/" + file));

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
    }

    [Test]
    public async Task Call_FacetRfaAfterOneBlock_NotIndicatedWithMedialBranchBlockSuggested()
    {
        var request = TestData.Json("round-trip/facet-rfa.json");
        RemoveFromPrefetch(request, "procedures", "mbb-2");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated");
        var replace = response["cards"]![0]!["suggestions"]!.AsArray()[1]!;
        replace["actions"]![1]!["resource"]!["code"]!["coding"]![0]!["code"]!.GetValue<string>().Should().StartWith("6449");
    }

    [Test]
    public async Task Call_ScsImplantAfterAPoorTrial_NotIndicatedWithRemovalOffered()
    {
        var request = TestData.Json("round-trip/scs-implant.json");
        request.Prefetch()["procedures"]!["entry"]!.AsArray().Single(e => (string)e!["resource"]!["id"]! == "scs-trial")!["resource"]!["extension"]![0]!["valueDecimal"] = 30;

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated");
        ((string)response["cards"]![0]!["suggestions"]![0]!["actions"]![0]!["type"]!).Should().Be("delete");
    }

    [TestCase("facet-rfa.json")]
    [TestCase("scs-implant.json")]
    public async Task Call_ActiveSepsis_DeferWarning(string file)
    {
        var request = TestData.Json("round-trip/" + file);
        request["prefetch"]!.AsObject().Remove("reviews");
        request.AddToPrefetch("conditions", Sepsis.Replace("{patient}", (string)request["context"]!["patientId"]!, StringComparison.Ordinal));

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer");
        ((string)response["cards"]![0]!["summary"]!).Should().Contain("reassess after the infection has been treated");
    }

    [TestCase("facet-rfa.json")]
    public async Task Call_MedicationOfUnknownClass_InfoCardAskingForItWithoutRating(string file)
    {
        var request = TestData.Json("round-trip/" + file);
        var patient = (string)request["context"]!["patientId"]!;
        request.Prefetch()["medications"] = null;
        request.AddToPrefetch("medications", $$"""
            { "resourceType": "MedicationRequest", "id": "statin", "status": "active", "intent": "order", "subject": { "reference": "Patient/{{patient}}" },
              "authoredOn": "2025-01-10", "medicationCodeableConcept": { "coding": [{ "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "83367", "display": "atorvastatin" }] } }
            """);

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- medication: ");
        response["systemActions"].Should().BeNull();
    }

    [Test]
    public async Task Call_ScsTrialReliefNotRecorded_InfoCardAskingForItWithoutRating()
    {
        var request = TestData.Json("round-trip/scs-implant.json");
        request.Prefetch()["procedures"]!["entry"]!.AsArray().Single(e => (string)e!["resource"]!["id"]! == "scs-trial")!["resource"]!.AsObject().Remove("extension");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- trial.reliefPercent: ");
        response["systemActions"].Should().BeNull();
    }

    private static string Indicator(JsonObject response) => (string)response["cards"]!.AsArray().Single()!["indicator"]!;

    private static string? Rating(JsonObject response) =>
        response["systemActions"]?[0]?["resource"]?["extension"]?.AsArray()
            .Single(e => (string)e!["url"]! == CdsHooksUris.RatingExtension)!["extension"]!.AsArray()
            .Select(e => (string?)e!["valueCode"]).First(v => v is not null);

    private static void RemoveFromPrefetch(JsonObject request, string key, string id)
    {
        var entries = request.Prefetch()[key]!["entry"]!.AsArray();
        entries.Remove(entries.Single(e => (string)e!["resource"]!["id"]! == id));
    }
}
