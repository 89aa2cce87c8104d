using static SpineDecision.Fhir.Tests.Fixtures;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>The proposed procedure (a CDS Hooks draft order): its code, levels, side and reason.</summary>
public sealed class ServiceRequestTests
{
    [Test]
    public void Map_DraftOrderWithBodySites_GivesTheRequestedProcedureLevelsSideAndReason()
    {
        var (patientCase, _, report) = Evaluate(Bundle(Patient(), DraftOrder()));

        patientCase.Referral.RequestedProcedure.Should().Be("CPT:64483");
        patientCase.Referral.Levels.Should().Equal("L4-L5");
        patientCase.Referral.Side.Should().Be("left");
        patientCase.Diagnoses.Should().ContainSingle().Which.Code.Should().Be("ICD10CM:M54.16");
        report.Disposition.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void Map_DraftOrderWithoutBodySite_LeavesLevelsAndSideUnknown()
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), DraftOrder(bodySites: "")));

        patientCase.Referral.RequestedProcedure.Should().Be("CPT:64483");
        patientCase.Referral.Levels.Should().BeNull();
        patientCase.Referral.Side.Should().BeNull();
        mapping.Unknown.Should().Contain(["referral.levels", "referral.side"]);
    }

    [TestCase("entered-in-error", FhirIgnoreReason.EnteredInError)]
    [TestCase("revoked", FhirIgnoreReason.NotCurrent)]
    [TestCase("completed", FhirIgnoreReason.NotCurrent)]
    public void Map_OrderNotCurrent_IsIgnoredWithItsSites(string status, FhirIgnoreReason reason)
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), DraftOrder(status: status)));

        patientCase.Referral.Should().BeEquivalentTo(new Cases.ReferralInfo());
        mapping.Ignored.Should().Contain(i => i.Source == "ServiceRequest/order" && i.Reason == reason);
    }

    [Test]
    public void Map_LaterOrderWithoutSites_DoesNotInheritTheEarlierOrdersLevelsOrSide()
    {
        var earlier = DraftOrder(id: "earlier", authored: "2026-10-01");
        var later = DraftOrder(id: "later", authored: "2026-10-20", cpt: "64493", bodySites: "");

        var patientCase = Map(Bundle(Patient(), earlier, later)).Case;

        patientCase.Referral.RequestedProcedure.Should().Be("CPT:64493");
        patientCase.Referral.Levels.Should().BeNull();
        patientCase.Referral.Side.Should().BeNull();
    }

    [Test]
    public void Map_EarlierOrderAfterALaterOne_KeepsTheLaterOrdersLevelsAndSide()
    {
        var later = DraftOrder(id: "later", authored: "2026-10-20");
        var earlier = DraftOrder(id: "earlier", authored: "2026-10-01", cpt: "64493",
            bodySites: """{ "coding": [{ "system": "http://snomed.info/sct", "code": "24028007" }] }, { "text": "L2-L3" }""");

        var patientCase = Map(Bundle(Patient(), later, earlier)).Case;

        patientCase.Referral.RequestedProcedure.Should().Be("CPT:64483");
        patientCase.Referral.Levels.Should().Equal("L4-L5");
        patientCase.Referral.Side.Should().Be("left");
    }

    [Test]
    public void Map_OrderOfACodeNoSystemDeclares_GivesNoProcedureAndNoSites()
    {
        var order = DraftOrder().Replace("http://www.ama-assn.org/go/cpt", "http://example.org/local-orders", StringComparison.Ordinal);

        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), order));

        patientCase.Referral.RequestedProcedure.Should().BeNull();
        patientCase.Referral.Levels.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "ServiceRequest/order" && i.Reason == FhirIgnoreReason.Unused);
    }

    [Test]
    public void Map_OrderDatedAfterTheAssessment_IsIgnored()
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), DraftOrder(authored: "2026-11-02")));

        patientCase.Referral.RequestedProcedure.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "ServiceRequest/order" && i.Reason == FhirIgnoreReason.AfterAssessmentDate);
    }
}
