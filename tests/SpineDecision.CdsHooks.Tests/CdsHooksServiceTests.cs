using System.Net;
using System.Text.Json.Nodes;

namespace SpineDecision.CdsHooks.Tests;

public sealed class CdsHooksServiceTests : ServerFixture
{
    [Test]
    public async Task Discovery_Services_OneHookEachWithTheSamePrefetch()
    {
        var discovery = await Server.DiscoverAsync();

        var services = discovery["services"]!.AsArray().Select(s => ((string)s!["id"]!, (string)s["hook"]!)).ToList();
        services.Should().Equal(
            (Requests.OrderSelect, "order-select"), (Requests.OrderSign, "order-sign"), (Requests.PatientView, "patient-view"));
    }

    [Test]
    public async Task Discovery_Prefetch_CoversTheResourceTypesTheMappingReads()
    {
        var discovery = await Server.DiscoverAsync();

        var templates = discovery["services"]![0]!["prefetch"]!.AsObject().Select(p => (string)p.Value!).ToList();
        templates.Select(t => t.Split('/', '?')[0]).Distinct().Should().BeEquivalentTo(
            "Patient", "Condition", "Procedure", "Observation", "MedicationRequest", "AllergyIntolerance", "DiagnosticReport", "Coverage", "ImagingStudy", "List", "Encounter");
        templates.Should().OnlyContain(t => t.Contains("{{context.patientId}}") && !t.Contains("{{%"));
    }

    [Test]
    public async Task Call_AppropriateTfesi_InfoCardAndRatingOnTheOrder()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Requests.Tfesi().Text());

        var card = response["cards"]!.AsArray().Single()!;
        ((string)card["indicator"]!).Should().Be("info");
        ((string)card["summary"]!).Should().Contain("meets the criteria");
        var rating = response["systemActions"]!.AsArray().Single()!["resource"]!["extension"]!.AsArray()
            .Single(e => (string)e!["url"]! == CdsHooksUris.RatingExtension)!["extension"]!.AsArray();
        rating.Select(e => ((string)e!["url"]!, (string?)e["valueCode"] ?? (string?)e["valueString"])).Should()
            .Contain([("disposition", "proceed"), ("rule", "ESI-TF-001")]);
    }

    [Test]
    public async Task Call_Detail_IsMarkdownWithCriteriaAndEvidenceTaggedSources()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Requests.Tfesi().Text());

        var detail = (string)response["cards"]![0]!["detail"]!;
        detail.Should().Contain("### Criteria met").And.Contain("### Sources").And.MatchRegex(@"- \[[VSU]\] ");
    }

    [Test]
    public async Task Call_SameHookInstance_SameCardUuid()
    {
        var first = await Server.CallAsync(Requests.OrderSign, Requests.Tfesi().Text());

        var second = await Server.CallAsync(Requests.OrderSign, Requests.Tfesi().Text());

        ((string)second["cards"]![0]!["uuid"]!).Should().Be((string)first["cards"]![0]!["uuid"]!);
    }

    [Test]
    public async Task Call_OtherHookInstance_OtherCardUuid()
    {
        var first = await Server.CallAsync(Requests.OrderSign, Requests.Tfesi().Text());
        var request = Requests.Tfesi();
        request["hookInstance"] = "another-instance";

        var second = await Server.CallAsync(Requests.OrderSign, request.Text());

        ((string)second["cards"]![0]!["uuid"]!).Should().NotBe((string)first["cards"]![0]!["uuid"]!);
    }

    [Test]
    public async Task Call_OrderSelectWithSelection_AnswersTheSelectedOrder()
    {
        var request = Requests.Tfesi();
        request["hook"] = "order-select";
        request["context"]!["selections"] = new JsonArray("ServiceRequest/tfesi-order");

        var response = await Server.CallAsync(Requests.OrderSelect, request.Text());

        response["cards"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task Call_OrderSelectWithOtherSelection_NoCards()
    {
        var request = Requests.Tfesi();
        request["hook"] = "order-select";
        request["context"]!["selections"] = new JsonArray("MedicationRequest/other");

        var response = await Server.CallAsync(Requests.OrderSelect, request.Text());

        response["cards"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Call_NoSpineOrder_NoCardsWithoutNeedingData()
    {
        var request = Requests.Tfesi().WithOrderCode(Requests.Cpt, "72133");
        request.Remove("prefetch");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        response["cards"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Call_CodeBilledForSeveralProcedures_InfoCardAskingWhichWithoutRating()
    {
        var request = Requests.Tfesi().WithOrderCode(Requests.Cpt, "64493");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        ((string)response["cards"]!.AsArray().Single()!["summary"]!).Should().StartWith("Information needed: CPT 64493 is billed for several procedures");
        response["systemActions"].Should().BeNull();
    }

    [Test]
    public async Task Call_HcpcsWithHttpsSystem_RecognisedAsASpineOrder()
    {
        var request = Requests.Tfesi().WithOrderCode("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "G0260");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        ((string)response["cards"]!.AsArray().Single()!["summary"]!).Should().Contain("HCPCS G0260");
    }

    [Test]
    public async Task Call_PatientView_CardForTheTopPathway()
    {
        var request = Requests.Tfesi();
        request["hook"] = "patient-view";
        request["context"]!.AsObject().Remove("draftOrders");

        var response = await Server.CallAsync(Requests.PatientView, request.Text());

        ((string)response["cards"]!.AsArray().Single()!["summary"]!).Should().StartWith("Indicated next: Epidural steroid injection");
    }

    [Test]
    public async Task Call_UnknownService_NotFound()
    {
        var (status, body) = await Server.PostAsync("no-such-service", Requests.Tfesi().Text());

        status.Should().Be(HttpStatusCode.NotFound);
        body.Should().Contain(Requests.OrderSign);
    }

    [Test]
    public async Task Call_NotJson_BadRequestWithLineAndPath()
    {
        var (status, body) = await Server.PostAsync(Requests.OrderSign, Requests.Tfesi().Text() + "}");

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("not a valid JSON object (line 1");
    }

    [TestCase("hookInstance", "$.hookInstance: required, but missing")]
    [TestCase("context", "$.context: expected an object, found nothing")]
    [TestCase("hook", "$.hook: required, but missing")]
    public async Task Call_RequiredMemberMissing_BadRequestNamingIt(string member, string message)
    {
        var request = Requests.Tfesi();
        request.Remove(member);

        var (status, body) = await Server.PostAsync(Requests.OrderSign, request.Text());

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain(message);
    }

    [Test]
    public async Task Call_WrongHookForService_BadRequest()
    {
        var request = Requests.Tfesi();
        request["hook"] = "patient-view";

        var (status, body) = await Server.PostAsync(Requests.OrderSign, request.Text());

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("$.hook: service 'spine-procedure-order-sign' answers the 'order-sign' hook, but the request is for 'patient-view'");
    }

    [Test]
    public async Task Call_DraftOrdersNotABundle_BadRequestAtItsPath()
    {
        var request = Requests.Tfesi();
        request["context"]!["draftOrders"]!["resourceType"] = "List";

        var (status, body) = await Server.PostAsync(Requests.OrderSign, request.Text());

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("$.context.draftOrders.resourceType: expected \\\"Bundle\\\"");
    }

    [Test]
    public async Task Call_PatientIdWithPrefix_Tolerated()
    {
        var request = Requests.Tfesi();
        request["context"]!["patientId"] = "Patient/pat-1042";

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        response["cards"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task Call_BallotFieldsPresent_Tolerated()
    {
        var request = Requests.Tfesi();
        request["extension"] = new JsonObject { ["com.example.tenant"] = "a" };
        request["fhirAuthorization"] = JsonNode.Parse("""{ "access_token": "t", "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read", "subject": "cds", "patient": "pat-1042" }""");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        response["cards"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task Call_NoPrefetchNoFhirServer_PreconditionFailed()
    {
        var request = Requests.Tfesi();
        request.Remove("prefetch");

        var (status, body) = await Server.PostAsync(Requests.OrderSign, request.Text());

        status.Should().Be(HttpStatusCode.PreconditionFailed);
        body.Should().Contain("no prefetch");
    }

    [Test]
    public async Task Call_EmptyPrefetchWithServerButNoAuthorization_PreconditionFailed()
    {
        var request = Requests.Tfesi();
        request["prefetch"] = new JsonObject();
        request["fhirServer"] = "http://127.0.0.1:9/fhir";

        var (status, _) = await Server.PostAsync(Requests.OrderSign, request.Text());

        status.Should().Be(HttpStatusCode.PreconditionFailed);
    }
}
