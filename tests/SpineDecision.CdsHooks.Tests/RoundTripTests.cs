using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// Spine round trips per procedure family: a hand-written order-sign request (TestData/round-trip) whose draft order is
/// appropriate, and variations of it that make the order not indicated (with what is indicated instead), deferred, or
/// short of data: interlaminar ESI, selective nerve root block, medial branch block, facet RFA, SCS implant, intrathecal
/// trial, intradiscal regenerative injection, the sacroiliac joint and vertebral augmentation; the transforaminal ESI's
/// four outcomes are in <see cref="CardRuleTests"/>.
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
        var coding = Replacement(response)["code"]!["coding"]![0]!;
        coding["code"]!.GetValue<string>().Should().Be("medial-branch-block");
    }

    // The medial branch block is billed by region and level count (CPT 64490-64495), and the codes are shared with the
    // facet joint injection: the suggestion names the concept, then the lumbar first-level code (64493), never the
    // first code listed (64490, cervical). Before region-aware codes it named the concept alone.
    [Test]
    public async Task Call_FacetRfaAfterOneBlock_ReplacementCodedWithTheConceptAndTheLumbarCpt()
    {
        var request = TestData.Json("round-trip/facet-rfa.json");
        RemoveFromPrefetch(request, "procedures", "mbb-2");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        var codings = Replacement(response)["code"]!["coding"]!.AsArray().Select(c => ((string)c!["system"]!, (string)c["code"]!));
        codings.Should().Equal(("https://spinedecision.org/fhir/CodeSystem/procedure", "medial-branch-block"), (Requests.Cpt, "64493"));
        ((string)response["cards"]![0]!["suggestions"]!.AsArray()[1]!["label"]!).Should().Contain("64493").And.NotContain("64490");
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

    // Interlaminar ESI: CPT 62323 (lumbosacral interlaminar with imaging) resolves to the epidural steroid injection;
    // bilateral radicular pain is what ESI-IL-001 answers with the interlaminar approach.
    [Test]
    public async Task Call_InterlaminarEsiForBilateralRadicularPain_InfoCardRatedProceed()
    {
        var response = await Server.CallAsync(Requests.OrderSign, InterlaminarEsi().Text());

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
    }

    [Test]
    public async Task Call_InterlaminarEsiForAxialFacetPain_NotIndicatedWithMedialBranchBlockSuggested()
    {
        var request = TestData.Json("round-trip/facet-rfa.json").WithOrderCode(Requests.Cpt, "62323");
        RemoveFromPrefetch(request, "procedures", "mbb-1");
        RemoveFromPrefetch(request, "procedures", "mbb-2");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("not indicated for axial (non-radicular) pain");
        Replacement(response)["code"]!["text"]!.GetValue<string>().Should().Be("Medial branch block (diagnostic)");
    }

    [Test]
    public async Task Call_InterlaminarEsiWithActiveSepsis_DeferWarning()
    {
        var request = WithSepsis(InterlaminarEsi());

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer");
        ((string)response["cards"]![0]!["summary"]!).Should().Contain("reassess after the infection has been treated");
    }

    [Test]
    public async Task Call_InterlaminarEsiWithoutDisabilityScore_InfoCardAskingForItWithoutRating()
    {
        var request = InterlaminarEsi();
        request.Prefetch()["disabilityObservations"] = null;

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("- pain.disabilityScore: ");
        response["systemActions"].Should().BeNull();
    }

    // Selective nerve root block: billed under the transforaminal codes (CPT 64479-64484), which resolve to the ESI so
    // that a session recorded only by its code counts towards the ESI limits (vocabulary.yaml). An order asks for a
    // root block by the procedure concept: https://spinedecision.org/fhir/CodeSystem/procedure#selective-nerve-root-block.
    [Test]
    public async Task Call_SnrbWithUncertainRootForDiagnosis_InfoCardRatedProceed()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Snrb(question: "diagnosis", rootLevelUncertain: true).Text());

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
    }

    [Test]
    public async Task Call_SnrbConceptAfterItsBillingCode_AnsweredAsTheRootBlock()
    {
        var request = Snrb(question: "diagnosis", rootLevelUncertain: true)
            .WithOrderCodes((Requests.Cpt, "64483"), ("https://spinedecision.org/fhir/CodeSystem/procedure", "selective-nerve-root-block"));

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Rating(response).Should().Be("proceed");
        ((string)response["cards"]![0]!["summary"]!).Should().Contain("Selective nerve root block");
    }

    [Test]
    public async Task Call_SnrbForTreatmentWithKnownRoot_NotIndicatedWithEpiduralSteroidInjectionSuggested()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Snrb(question: "treatment", rootLevelUncertain: false).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("A selective nerve root block is a diagnostic test");
        Replacement(response)["code"]!["text"]!.GetValue<string>().Should().Be("Epidural steroid injection");
    }

    [Test]
    public async Task Call_SnrbWithActiveSepsis_DeferWarning()
    {
        var response = await Server.CallAsync(Requests.OrderSign, WithSepsis(Snrb(question: "diagnosis", rootLevelUncertain: true)).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("Reassess after the infection has been treated.");
    }

    [Test]
    public async Task Call_SnrbForDiagnosisWithoutRootLevelCertainty_InfoCardAskingForItWithoutRating()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Snrb(question: "diagnosis", rootLevelUncertain: null).Text());

        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- exam.rootLevelUncertain: ");
        response["systemActions"].Should().BeNull();
    }

    // Medial branch block: CPT 64490-64495 are shared with the intra-articular facet injection, so the order names the
    // concept beside the CPT code. The facet RFA request without its two blocks is the first-block situation.
    [Test]
    public async Task Call_FirstMedialBranchBlock_InfoCardRatedProceed()
    {
        var response = await Server.CallAsync(Requests.OrderSign, MedialBranchBlock().Text());

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
    }

    [Test]
    public async Task Call_MedialBranchBlockAfterTwoPositiveBlocks_NotIndicatedWithRadiofrequencyAblationSuggested()
    {
        var request = TestData.Json("round-trip/facet-rfa.json").WithOrderCodes(("https://spinedecision.org/fhir/CodeSystem/procedure", "medial-branch-block"), (Requests.Cpt, "64493"));

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated");
        Replacement(response)["code"]!["text"]!.GetValue<string>().Should().Be("Radiofrequency ablation of the medial branches");
    }

    // Facet RFA is billed by region (CPT 64633 cervical or thoracic, 64635 lumbar or sacral, with add-ons for more
    // joints); this lumbar patient gets 64635, which names the RFA alone.
    [Test]
    public async Task Call_MedialBranchBlockAfterTwoPositiveBlocks_RadiofrequencyAblationCodedWithTheLumbarCpt()
    {
        var request = TestData.Json("round-trip/facet-rfa.json").WithOrderCodes(("https://spinedecision.org/fhir/CodeSystem/procedure", "medial-branch-block"), (Requests.Cpt, "64493"));

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        var codings = Replacement(response)["code"]!["coding"]!.AsArray().Select(c => ((string)c!["system"]!, (string)c["code"]!));
        codings.Should().Equal((Requests.Cpt, "64635"));
    }

    [Test]
    public async Task Call_MedialBranchBlockWithActiveSepsis_DeferWarning()
    {
        var response = await Server.CallAsync(Requests.OrderSign, WithSepsis(MedialBranchBlock()).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer");
        ((string)response["cards"]![0]!["summary"]!).Should().Contain("reassess after the infection has been treated");
    }

    [Test]
    public async Task Call_MedialBranchBlockWithoutFacetAssessment_InfoCardAskingForItWithoutRating()
    {
        var request = MedialBranchBlock();
        RemoveFromPrefetch(request, "conditions", "spondylosis");
        request.Order().Remove("reasonCode");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- examFinding: ");
        response["systemActions"].Should().BeNull();
    }

    // Intrathecal drug delivery trial (CPT 62350 is shared with the pump's catheter, so the order names the concept):
    // the SCS request's patient, 26+ weeks of failed care, on an opioid, cleared by psychology, with no trial yet.
    [Test]
    public async Task Call_IntrathecalTrialForCandidate_InfoCardRatedProceed()
    {
        var response = await Server.CallAsync(Requests.OrderSign, IntrathecalTrial(opioidReductionAgreed: true).Text());

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
    }

    [Test]
    public async Task Call_IntrathecalTrialWithoutOpioidReductionAgreement_NotIndicatedWithScsTrialSuggested()
    {
        var response = await Server.CallAsync(Requests.OrderSign, IntrathecalTrial(opioidReductionAgreed: false).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("The patient must agree to reduce systemic opioids by 50 %");
        Replacement(response)["code"]!["text"]!.GetValue<string>().Should().Be("Spinal cord stimulator trial (temporary leads)");
    }

    // Sepsis is an exclusion of intrathecal delivery in its own right (IDD-EXCL-001: not indicated, not deferred), so the
    // temporary condition here is pregnancy, which defers every neuraxial procedure until after delivery.
    [Test]
    public async Task Call_IntrathecalTrialInPregnancy_DeferWarning()
    {
        var request = IntrathecalTrial(opioidReductionAgreed: true);
        request.Prefetch()["pregnancyObservations"] = null;
        request.AddToPrefetch("pregnancyObservations", $$"""
            { "resourceType": "Observation", "id": "pregnancy", "status": "final", "subject": { "reference": "Patient/{{(string)request["context"]!["patientId"]!}}" }, "effectiveDateTime": "2026-02-25",
              "code": { "coding": [{ "system": "http://loinc.org", "code": "82810-3" }] },
              "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "77386006", "display": "Pregnant" }] } }
            """);

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer", response.ToJsonString());
        ((string)response["cards"]![0]!["summary"]!).Should().StartWith("Defer Intrathecal drug delivery trial: reassess after delivery");
    }

    [Test]
    public async Task Call_IntrathecalTrialWithActiveSepsis_NotIndicatedAsAnExclusion()
    {
        var response = await Server.CallAsync(Requests.OrderSign, WithSepsis(IntrathecalTrial(opioidReductionAgreed: true)).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated", response.ToJsonString());
        ((string)response["systemActions"]![0]!.ToJsonString()).Should().Contain("IDD-EXCL-001");
    }

    [Test]
    public async Task Call_IntrathecalTrialOpioidAgreementNotRecorded_InfoCardAskingForItWithoutRating()
    {
        var response = await Server.CallAsync(Requests.OrderSign, IntrathecalTrial(opioidReductionAgreed: null).Text());

        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- psychosocial.opioidReductionAgreed: ");
        response["systemActions"].Should().BeNull();
    }

    private static JsonObject IntrathecalTrial(bool? opioidReductionAgreed)
    {
        var request = TestData.Json("round-trip/scs-implant.json").WithOrderCodes(("https://spinedecision.org/fhir/CodeSystem/procedure", "intrathecal-trial"));
        var patient = (string)request["context"]!["patientId"]!;
        RemoveFromPrefetch(request, "procedures", "scs-trial");
        request.AddToPrefetch("medications", $$"""
            { "resourceType": "MedicationRequest", "id": "oxycodone", "status": "active", "intent": "order", "subject": { "reference": "Patient/{{patient}}" },
              "authoredOn": "2025-03-01", "medicationCodeableConcept": { "coding": [{ "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "7804", "display": "oxycodone" }] } }
            """);
        if (opioidReductionAgreed is { } agreed)
        {
            request.AddToPrefetch("clinicalObservations", $$"""
                { "resourceType": "Observation", "id": "opioid-reduction", "status": "final", "subject": { "reference": "Patient/{{patient}}" },
                  "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/case-field", "code": "psychosocial.opioidReductionAgreed" }] }, "valueBoolean": {{(agreed ? "true" : "false")}} }
                """);
        }

        return request;
    }

    // Intradiscal regenerative injection (no CPT code; the order names the concept): investigational, so it is considered
    // only under a profile that says so (evidence-review, IDISC-REGEN-CONSIDER-001) for discogenic pain after failed care.
    [Test]
    public async Task Call_IntradiscalRegenerativeForDiscogenicPainUnderEvidenceReview_InfoCardRatedProceed()
    {
        await using var server = new CdsHooksTestServer(services => services.Configure<CdsHooksOptions>(o => o.Profile = "evidence-review"));

        var response = await server.CallAsync(Requests.OrderSign, IntradiscalRegenerative(discogenic: true).Text());

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
    }

    [Test]
    public async Task Call_IntradiscalRegenerativeUnderMedicare_NotIndicatedAsInvestigational()
    {
        var response = await Server.CallAsync(Requests.OrderSign, IntradiscalRegenerative(discogenic: true).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated", response.ToJsonString());
        ((string)response["systemActions"]![0]!.ToJsonString()).Should().Contain("IDISC-REGEN-INV-001");
    }

    [Test]
    public async Task Call_IntradiscalRegenerativeWithActiveSepsis_DeferWarning()
    {
        await using var server = new CdsHooksTestServer(services => services.Configure<CdsHooksOptions>(o => o.Profile = "evidence-review"));

        var response = await server.CallAsync(Requests.OrderSign, WithSepsis(IntradiscalRegenerative(discogenic: true)).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer", response.ToJsonString());
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("Reassess after the infection has been treated.");
    }

    [Test]
    public async Task Call_IntradiscalRegenerativeWithoutConservativeCare_InfoCardAskingForItWithoutRating()
    {
        await using var server = new CdsHooksTestServer(services => services.Configure<CdsHooksOptions>(o => o.Profile = "evidence-review"));
        var request = IntradiscalRegenerative(discogenic: true);
        RemoveFromPrefetch(request, "procedures", "pt");
        RemoveFromPrefetch(request, "procedures", "nsaid");

        var response = await server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("info", response.ToJsonString());
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- therapy: ");
        response["systemActions"].Should().BeNull();
    }

    /// <summary>The facet request's patient with discogenic pain (the project's diagnosis concept) instead of spondylosis, and no blocks.</summary>
    private static JsonObject IntradiscalRegenerative(bool discogenic)
    {
        var request = TestData.Json("round-trip/facet-rfa.json").WithOrderCodes(("https://spinedecision.org/fhir/CodeSystem/procedure", "intradiscal-regenerative-injection"));
        var patient = (string)request["context"]!["patientId"]!;
        request.Order().Remove("reasonCode");
        RemoveFromPrefetch(request, "procedures", "mbb-1");
        RemoveFromPrefetch(request, "procedures", "mbb-2");
        RemoveFromPrefetch(request, "conditions", "spondylosis");
        if (discogenic)
        {
            request.AddToPrefetch("conditions", $$"""
                { "resourceType": "Condition", "id": "discogenic", "subject": { "reference": "Patient/{{patient}}" }, "onsetDateTime": "2025-05-01",
                  "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
                  "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/diagnosis", "code": "discogenic-pain" }] } }
                """);
        }

        return request;
    }

    // Sacroiliac joint: the rules need the pain located over the joint (pain.locations psis or buttock, SIJ-LOC-001),
    // which SpineDecision.Fhir maps from Condition.bodySite SNOMED 39723000 (sacroiliac joint structure). CPT 27096 is
    // shared by the diagnostic and the therapeutic injection, so the order names the concept.

    [Test]
    public async Task Call_SacroiliacDiagnosticInjectionForCandidate_InfoCardRatedProceed()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Sacroiliac("sij-diagnostic-injection", positiveProvocationTests: 3).Text());

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
    }

    [Test]
    public async Task Call_TherapeuticSacroiliacInjectionBeforeADiagnosticBlock_NotIndicatedWithDiagnosticInjectionSuggested()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Sacroiliac("sij-injection", positiveProvocationTests: 3).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated");
        Replacement(response)["code"]!["text"]!.GetValue<string>().Should().Be("Sacroiliac joint diagnostic injection (local anaesthetic)");
    }

    [Test]
    public async Task Call_SacroiliacDiagnosticInjectionWithActiveSepsis_DeferWarning()
    {
        var response = await Server.CallAsync(Requests.OrderSign, WithSepsis(Sacroiliac("sij-diagnostic-injection", positiveProvocationTests: 3)).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("Reassess after the infection has been treated.");
    }

    [Test]
    public async Task Call_SacroiliacDiagnosticInjectionWithoutProvocationTests_InfoCardAskingForThemWithoutRating()
    {
        var response = await Server.CallAsync(Requests.OrderSign, Sacroiliac("sij-diagnostic-injection", positiveProvocationTests: 0).Text());

        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- examFinding: ");
        response["systemActions"].Should().BeNull();
    }

    /// <summary>
    /// The facet request's patient with left buttock pain over the SI joint instead: sacroiliitis (ICD-10-CM M46.1) on the
    /// sacroiliac joint, the given number of positive provocation tests (thigh thrust, compression, distraction), no blocks.
    /// </summary>
    private static JsonObject Sacroiliac(string procedure, int positiveProvocationTests)
    {
        var request = TestData.Json("round-trip/facet-rfa.json").WithOrderCodes(("https://spinedecision.org/fhir/CodeSystem/procedure", procedure), (Requests.Cpt, "27096"));
        var patient = (string)request["context"]!["patientId"]!;
        request.Order()["reasonCode"] = JsonNode.Parse("""[{ "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M46.1", "display": "Sacroiliitis, not elsewhere classified" }] }]""");
        RemoveFromPrefetch(request, "procedures", "mbb-1");
        RemoveFromPrefetch(request, "procedures", "mbb-2");
        RemoveFromPrefetch(request, "conditions", "spondylosis");
        RemoveFromPrefetch(request, "clinicalObservations", "slr");
        request.SetClinicalObservation("side", "valueCodeableConcept", JsonNode.Parse("""{ "coding": [{ "system": "http://snomed.info/sct", "code": "7771000", "display": "Left" }] }""")!);
        request.AddToPrefetch("conditions", $$"""
            { "resourceType": "Condition", "id": "sacroiliitis", "subject": { "reference": "Patient/{{patient}}" }, "onsetDateTime": "2025-05-01",
              "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
              "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M46.1", "display": "Sacroiliitis, not elsewhere classified" }] },
              "bodySite": [{ "coding": [{ "system": "http://snomed.info/sct", "code": "39723000", "display": "Sacroiliac joint structure" }] }] }
            """);
        foreach (var test in new[] { "thigh-thrust", "compression", "distraction" }.Take(positiveProvocationTests))
        {
            request.AddToPrefetch("clinicalObservations", $$"""
                { "resourceType": "Observation", "id": "{{test}}", "status": "final", "subject": { "reference": "Patient/{{patient}}" },
                  "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/exam-test", "code": "{{test}}" }] },
                  "valueCodeableConcept": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/exam-result", "code": "positive" }] } }
                """);
        }

        return request;
    }

    // Vertebral augmentation: a kyphoplasty order (CPT 22513, thoracic) for an acute osteoporotic T12 fracture in a
    // hospitalised patient with NRS 8 after failed analgesics and bracing (VA-S-001 as an EHR sends it). The fracture's
    // level, acuity and height loss come from the MRI report's result Observation (prefetch imagingObservations), the
    // hospital stay from the in-progress inpatient Encounter (prefetch encounters).

    [Test]
    public async Task Call_KyphoplastyForAnAcuteFractureInHospital_InfoCardRatedProceed()
    {
        var response = await Server.CallAsync(Requests.OrderSign, TestData.Read("round-trip/vertebral-augmentation.json"));

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        Indicator(response).Should().Be("info");
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("fracture at T12 on mri");
    }

    [Test]
    public async Task Call_KyphoplastyForAHealedFracture_NotIndicatedWithTheReason()
    {
        var request = TestData.Json("round-trip/vertebral-augmentation.json");
        var components = Fracture(request)["component"]!.AsArray();
        components[0]!["valueCodeableConcept"] = JsonNode.Parse("""{ "coding": [{ "system": "http://snomed.info/sct", "code": "90734009", "display": "Chronic" }] }""");
        components[1]!["valueBoolean"] = false;

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated", response.ToJsonString());
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("shows no acute or subacute change");
        ((string)response["cards"]![0]!["suggestions"]![0]!["actions"]![0]!["type"]!).Should().Be("delete");
    }

    // A misdirected order for the same fracture pain: a thoracic interlaminar epidural (CPT 62321, cervical or thoracic)
    // is not indicated for axial pain, and augmentation is what the criteria support instead.
    [Test]
    public async Task Call_ThoracicEpiduralForTheAcuteFracture_NotIndicatedWithAugmentationSuggested()
    {
        var request = TestData.Json("round-trip/vertebral-augmentation.json").WithOrderCode(Requests.Cpt, "62321");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("not-indicated", response.ToJsonString());
        response["cards"]![0]!["suggestions"]!.AsArray().Skip(1).Select(s => (string)s!["actions"]![1]!["resource"]!["code"]!["text"]!)
            .Should().BeEquivalentTo("Percutaneous vertebroplasty", "Balloon kyphoplasty");
    }

    // The T12 fracture is thoracic: vertebroplasty 22510 (cervicothoracic) and kyphoplasty 22513 (thoracic), never the
    // lumbar codes (22511, 22514) or the add-ons (22512, 22515).
    [Test]
    public async Task Call_ThoracicEpiduralForTheAcuteFracture_AugmentationSuggestedWithTheThoracicCpts()
    {
        var request = TestData.Json("round-trip/vertebral-augmentation.json").WithOrderCode(Requests.Cpt, "62321");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        response["cards"]![0]!["suggestions"]!.AsArray().Skip(1).Select(s => (string)s!["actions"]![1]!["resource"]!["code"]!["coding"]![0]!["code"]!)
            .Should().BeEquivalentTo("22510", "22513");
    }

    [Test]
    public async Task Call_KyphoplastyWithActiveSepsis_DeferWarning()
    {
        var response = await Server.CallAsync(Requests.OrderSign, WithSepsis(TestData.Json("round-trip/vertebral-augmentation.json")).Text());

        Indicator(response).Should().Be("warning");
        Rating(response).Should().Be("defer", response.ToJsonString());
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("Reassess after the infection has been treated.");
    }

    [Test]
    public async Task Call_KyphoplastyForAFractureOfUnknownAcuity_InfoCardAskingForItWithoutRating()
    {
        var request = TestData.Json("round-trip/vertebral-augmentation.json");
        var components = Fracture(request)["component"]!.AsArray();
        components.RemoveAt(1);
        components.RemoveAt(0);

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("info", response.ToJsonString());
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- imaging.acute: ");
        response["systemActions"].Should().BeNull();
    }

    [Test]
    public async Task Call_KyphoplastyWithoutAnEncounter_InfoCardAskingWhetherThePatientIsHospitalised()
    {
        var request = TestData.Json("round-trip/vertebral-augmentation.json");
        request.Prefetch()["encounters"] = null;

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Indicator(response).Should().Be("info", response.ToJsonString());
        ((string)response["cards"]![0]!["detail"]!).Should().Contain("### Missing data\n\n- patient.hospitalised: ");
        response["systemActions"].Should().BeNull();
    }

    /// <summary>The MRI report's fracture Observation in the request's prefetch.</summary>
    private static JsonObject Fracture(JsonObject request) =>
        request.Prefetch()["imagingObservations"]!["entry"]![0]!["resource"]!.AsObject();

    /// <summary>The resource the "order this instead" suggestion creates.</summary>
    private static JsonNode Replacement(JsonObject response) =>
        response["cards"]![0]!["suggestions"]!.AsArray()[1]!["actions"]!.AsArray().Single(a => (string)a!["type"]! == "create")!["resource"]!;

    private static JsonObject InterlaminarEsi() =>
        Requests.Tfesi().WithOrderCode(Requests.Cpt, "62323")
            .SetClinicalObservation("side", "valueCodeableConcept", JsonNode.Parse("""{ "coding": [{ "system": "http://snomed.info/sct", "code": "51440002", "display": "Bilateral" }] }""")!);

    private static JsonObject Snrb(string question, bool? rootLevelUncertain)
    {
        var request = Requests.Tfesi().WithOrderCode("https://spinedecision.org/fhir/CodeSystem/procedure", "selective-nerve-root-block");
        request.AddToPrefetch("clinicalObservations", $$"""
            { "resourceType": "Observation", "id": "referral-question", "status": "final", "subject": { "reference": "Patient/pat-1042" },
              "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/case-field", "code": "referral.question" }] },
              "valueCodeableConcept": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/referral", "code": "{{question}}" }] } }
            """);
        if (rootLevelUncertain is { } uncertain)
        {
            request.AddToPrefetch("clinicalObservations", $$"""
                { "resourceType": "Observation", "id": "root-level", "status": "final", "subject": { "reference": "Patient/pat-1042" },
                  "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/case-field", "code": "exam.rootLevelUncertain" }] }, "valueBoolean": {{(uncertain ? "true" : "false")}} }
                """);
        }

        return request;
    }

    private static JsonObject MedialBranchBlock()
    {
        var request = TestData.Json("round-trip/facet-rfa.json").WithOrderCodes(("https://spinedecision.org/fhir/CodeSystem/procedure", "medial-branch-block"), (Requests.Cpt, "64493"));
        RemoveFromPrefetch(request, "procedures", "mbb-1");
        RemoveFromPrefetch(request, "procedures", "mbb-2");
        return request;
    }

    private static JsonObject WithSepsis(JsonObject request)
    {
        request.Prefetch().Remove("reviews");
        return request.AddToPrefetch("conditions", Sepsis.Replace("{patient}", (string)request["context"]!["patientId"]!, StringComparison.Ordinal));
    }

    private static JsonNode Concept(string set, string code) =>
        new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "https://spinedecision.org/fhir/CodeSystem/" + set, ["code"] = code }) };

    // A repeat RFA is billed under the same CPT codes as a first one (64635 here): the order resolves to facet-rfa, the
    // engine answers it with its kind facet-rfa-repeat, and the card and the rating name the repeat.
    [Test]
    public async Task Call_RfaOrderAfterALastingPriorRfa_CardAndRatingNameTheRepeat()
    {
        var request = RepeatRfa(performed: "2025-06-15");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Rating(response).Should().Be("proceed", response["cards"]![0]!.ToJsonString());
        ((string)response["cards"]![0]!["summary"]!).Should().StartWith("Repeat radiofrequency ablation");
        RatedProcedure(response).Should().Be("facet-rfa-repeat");
    }

    [Test]
    public async Task Call_RfaOrderWithTheBlocksAndNoPriorRfa_RatingNamesAFirstRfa()
    {
        var response = await Server.CallAsync(Requests.OrderSign, TestData.Read("round-trip/facet-rfa.json"));

        RatedProcedure(response).Should().Be("facet-rfa");
    }

    [Test]
    public async Task Call_RfaOrderTooSoonAfterThePriorRfa_DeferredWithTheDate()
    {
        // 2026-03-02 is 181 days after 2025-09-02: one day short of the 26-week RF interval (182 days).
        var request = RepeatRfa(performed: "2025-09-02");

        var response = await Server.CallAsync(Requests.OrderSign, request.Text());

        Rating(response).Should().Be("defer", response["cards"]![0]!.ToJsonString());
        ((string)response["cards"]![0]!["summary"]!).Should().Contain("2026-03-03");
    }

    /// <summary>The facet RFA order for a patient whose blocks are replaced by one prior RFA (CPT 64635, lumbar) that gave
    /// 70 % relief for 30 weeks.</summary>
    private static JsonObject RepeatRfa(string performed)
    {
        var request = TestData.Json("round-trip/facet-rfa.json");
        RemoveFromPrefetch(request, "procedures", "mbb-1");
        RemoveFromPrefetch(request, "procedures", "mbb-2");
        request.AddToPrefetch("procedures", $$"""
            { "resourceType": "Procedure", "id": "rfa-1", "status": "completed", "subject": { "reference": "Patient/pat-2001" },
              "performedDateTime": "{{performed}}",
              "code": { "coding": [{ "system": "http://www.ama-assn.org/go/cpt", "code": "64635" }] },
              "bodySite": [{ "coding": [{ "system": "http://snomed.info/sct", "code": "122496007", "display": "Lumbar spine" }] }],
              "extension": [
                { "url": "https://spinedecision.org/fhir/StructureDefinition/relief-percent", "valueDecimal": 70 },
                { "url": "https://spinedecision.org/fhir/StructureDefinition/relief-duration", "valueQuantity": { "value": 30, "system": "http://unitsofmeasure.org", "code": "wk" } }
              ] }
            """);
        return request;
    }

    private static string Indicator(JsonObject response) => (string)response["cards"]!.AsArray().Single()!["indicator"]!;

    private static string? Rating(JsonObject response) => RatingParts(response)?.Select(e => (string?)e!["valueCode"]).First(v => v is not null);

    private static string? RatedProcedure(JsonObject response) =>
        RatingParts(response)?.Where(e => (string)e!["url"]! == "procedure").Select(e => (string?)e!["valueCode"]).SingleOrDefault();

    private static JsonArray? RatingParts(JsonObject response) =>
        response["systemActions"]?[0]?["resource"]?["extension"]?.AsArray()
            .Single(e => (string)e!["url"]! == CdsHooksUris.RatingExtension)!["extension"]!.AsArray();

    private static void RemoveFromPrefetch(JsonObject request, string key, string id)
    {
        var entries = request.Prefetch()[key]!["entry"]!.AsArray();
        entries.Remove(entries.Single(e => (string)e!["resource"]!["id"]! == id));
    }
}
