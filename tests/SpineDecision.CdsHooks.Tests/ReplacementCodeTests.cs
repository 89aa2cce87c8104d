using System.Collections.Immutable;
using SpineDecision.CdsHooks.Handling;
using SpineDecision.Reports;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// The codes an "order this instead" suggestion carries: the one primary CPT code whose descriptor (declared in the
/// vocabulary's billingCodes) fits the recommendation's region, levels and approach, else the procedure concept.
/// </summary>
public sealed class ReplacementCodeTests
{
    private const string Cpt = "http://www.ama-assn.org/go/cpt";
    private const string Concept = "https://spinedecision.org/fhir/CodeSystem/procedure";

    private static readonly Lazy<ProcedureCodes> Codes = new(() => new ProcedureCodes(SpineDecisionEngine.CreateDefault().Vocabulary));

    private static Recommendation Recommend(string procedure, string? region, string? levels = null, string? approach = null) =>
        new(new ProcedureInfo(procedure, procedure, [], null), "therapeutic", "recommended", approach, new TargetSite(region, null, levels), "test",
            [], [], new RuleReference("T-001", "test", "test", "1.0.0", "test.yaml(1,1)", []), new Explanation("T-001", "test", [], []));

    private static IReadOnlyList<(string System, string Code)> Codings(Recommendation recommendation) => Codes.Value.Replacement(recommendation).Codings;

    [Test]
    public void Replacement_LumbarTransforaminalEsi_IsCpt64483()
    {
        Codings(Recommend("epidural-steroid-injection", "lumbar", approach: "transforaminal")).Should().Equal((Cpt, "64483"));
    }

    [Test]
    public void Replacement_CervicalTransforaminalEsi_IsCpt64479()
    {
        Codings(Recommend("epidural-steroid-injection", "cervical", approach: "transforaminal")).Should().Equal((Cpt, "64479"));
    }

    [Test]
    public void Replacement_EsiOfUnknownRegion_IsTheConcept()
    {
        Codings(Recommend("epidural-steroid-injection", region: null, approach: "transforaminal")).Should().Equal((Concept, "epidural-steroid-injection"));
    }

    [Test]
    public void Replacement_LumbarEsiWithoutAnApproach_IsTheConceptAsInterlaminarAndTransforaminalBothFit()
    {
        Codings(Recommend("epidural-steroid-injection", "lumbar")).Should().Equal((Concept, "epidural-steroid-injection"));
    }

    // 62320 (without imaging) and 62321 (with) are both cervical interlaminar: the image-guided code is ordered.
    [Test]
    public void Replacement_CervicalInterlaminarEsi_IsTheImageGuidedCpt62321()
    {
        Codings(Recommend("epidural-steroid-injection", "cervical", approach: "interlaminar")).Should().Equal((Cpt, "62321"));
    }

    [Test]
    public void Replacement_CaudalEsi_IsCpt62323()
    {
        Codings(Recommend("epidural-steroid-injection", "lumbar", approach: "caudal")).Should().Equal((Cpt, "62323"));
    }

    // CPT 64490-64495 are shared by the medial branch block and the facet joint injection: the concept says which.
    [TestCase("lumbar", null, "64493")]
    [TestCase("cervical", null, "64490")]
    [TestCase(null, "L4-L5, L5-S1", "64493")]
    [TestCase(null, "C7-T1", "64490")]
    public void Replacement_MedialBranchBlock_IsTheConceptThenTheRegionsFirstLevelCpt(string? region, string? levels, string cpt)
    {
        Codings(Recommend("medial-branch-block", region, levels)).Should().Equal((Concept, "medial-branch-block"), (Cpt, cpt));
    }

    // T12-L1 spans the thoracic (64490) and lumbar (64493) descriptors: no single code fits.
    [Test]
    public void Replacement_MedialBranchBlockAtTheThoracolumbarJunction_IsTheConcept()
    {
        Codings(Recommend("medial-branch-block", region: null, levels: "T12-L1")).Should().Equal((Concept, "medial-branch-block"));
    }

    [Test]
    public void Replacement_LevelsInAnotherRegionThanThePain_IsTheConcept()
    {
        Codings(Recommend("facet-rfa", "lumbar", "C5-C6")).Should().Equal((Concept, "facet-rfa"));
    }

    [TestCase("kyphoplasty", "thoracic", "T12", "22513")]
    [TestCase("kyphoplasty", "lumbar", "L2", "22514")]
    [TestCase("vertebroplasty", "thoracic", "T12", "22510")]
    [TestCase("vertebroplasty", "lumbar", "L1", "22511")]
    public void Replacement_VertebralAugmentation_IsTheRegionsFirstBodyCptNeverTheAddOn(string procedure, string region, string levels, string cpt)
    {
        Codings(Recommend(procedure, region, levels)).Should().Equal((Cpt, cpt));
    }

    [Test]
    public void Replacement_ProcedureWithOneCpt_IsThatCpt()
    {
        Codings(Recommend("sij-rfa", region: null)).Should().Equal((Cpt, "64625"));
    }

    // The SCS implant is billed under 63655 (paddle electrodes) and 63685 (generator), whose descriptors the vocabulary
    // does not describe: nothing to choose between them by.
    [Test]
    public void Replacement_ProcedureWithUndescribedCodes_IsTheConcept()
    {
        Codings(Recommend("scs-implant", "thoracic")).Should().Equal((Concept, "scs-implant"));
    }

    [Test]
    public void Replacement_ChosenCode_IsReportedForTheSuggestionsLabel()
    {
        Codes.Value.Replacement(Recommend("facet-rfa", "lumbar")).BillingCode.Should().Be("64635");
    }

    [Test]
    public void RegionsOf_TargetWithRegionAndLevels_NamesEachRegionOnce()
    {
        ProcedureCodes.RegionsOf(new TargetSite("lumbar", null, "L5-S1, S1")).Should().BeEquivalentTo(["lumbar"]);
    }

    [Test]
    public void Vocabulary_EveryProcedureCptCode_HasItsDescriptorAttributesOrIsItsProceduresOnlyCode()
    {
        var procedures = SpineDecisionEngine.CreateDefault().Vocabulary.Sets.Single(s => s.Id == "procedure").Concepts;

        var undescribed = procedures.Where(p => p.Codes.Count(c => c.System == "CPT") > 1 && p.Codes.Any(c => c.System == "CPT" && c.Billing is null))
            .Select(p => p.Id);

        undescribed.Should().BeEquivalentTo(ImmutableArray.Create("idet", "scs-implant", "intrathecal-pump"),
            "these are billed under codes whose descriptors were not checked (rules/vocabulary/vocabulary.yaml billingCodes); they are ordered by concept");
    }
}
