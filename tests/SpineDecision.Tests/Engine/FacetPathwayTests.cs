using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>Facet pathway of the default rules: medial branch blocks, then RFA after two blocks at or above the threshold.</summary>
[TestFixture]
public sealed class FacetPathwayTests
{
    [TestCase(79, false)]
    [TestCase(80, true)]
    public void Evaluate_SecondBlockRelief_RecommendsRfaFrom80Percent(double secondRelief, bool expectRfa)
    {
        var patientCase = SampleCases.FacetRfa(secondRelief);

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommended(report).Contains("facet-rfa").Should().Be(expectRfa);
    }

    [Test]
    public void Evaluate_TwoPositiveBlocks_RecommendsRfaForThePainRegionWithTheBlockCount()
    {
        var patientCase = SampleCases.FacetRfa(80);

        var report = SharedEngines.Default.Evaluate(patientCase);

        var rfa = report.Recommendations.Should().ContainSingle(r => r.Procedure.Id == "facet-rfa").Subject;
        rfa.Rule.RuleId.Should().Be("FACET-RFA-001");
        rfa.Target.Region.Should().Be("lumbar");
        rfa.Rationale.Should().Be("2 diagnostic medial branch blocks each gave at least 80% relief of the index pain.");
    }

    [Test]
    public void Evaluate_SecondBlockAt79Percent_WithholdsRfaForInsufficientResponse()
    {
        var patientCase = SampleCases.FacetRfa(79);

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Withheld.Should().Contain(w => w.Procedure!.Id == "facet-rfa" && w.Reason == "insufficient-response" && w.Rule.RuleId == "FACET-NEG-001");
    }

    [TestCase(2.1, false)]
    [TestCase(2.0, true)]
    public void Evaluate_ReliefComputedFromPainBeforeAndAfter_AppliesTheSameThreshold(double painAfter, bool expectRfa)
    {
        var patientCase = SampleCases.FacetRfaWithBlocks(
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 8, 20), PainBefore = 10, PainAfter = 1 },
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 9, 25), PainBefore = 10, PainAfter = painAfter });

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommended(report).Contains("facet-rfa").Should().Be(expectRfa);
    }

    [Test]
    public void Evaluate_OnePositiveBlock_RecommendsTheConfirmatorySecondBlockNotRfa()
    {
        var patientCase = SampleCases.FacetRfaWithBlocks(
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 9, 25), ReliefPercent = 90 });

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommended(report).Should().Equal("medial-branch-block");
        report.Recommendations.Single().Rule.RuleId.Should().Be("FACET-MBB2-001");
    }

    [Test]
    public void Evaluate_TwoPositiveBlocksAtL4L5AndANegativeAtL5S1_RecommendsRfaAtTheConfirmedLevels()
    {
        var patientCase = SampleCases.FacetRfaWithBlocks(
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 7, 20), Levels = ["L4-L5"], ReliefPercent = 85 },
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 8, 20), Levels = ["L4-L5"], ReliefPercent = 90 },
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 9, 25), Levels = ["L5-S1"], ReliefPercent = 40 });

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Recommendations.Should().ContainSingle(r => r.Procedure.Id == "facet-rfa").Which.Target.Levels.Should().Be("L4-L5");
    }

    [Test]
    public void Evaluate_OnePositiveBlockAtL4L5AndANegativeAtL5S1_ConfirmatoryBlockTargetsL4L5()
    {
        var patientCase = SampleCases.FacetRfaWithBlocks(
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 8, 20), Levels = ["L4-L5"], ReliefPercent = 85 },
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 9, 25), Levels = ["L5-S1"], ReliefPercent = 40 });

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Recommendations.Should().ContainSingle(r => r.Procedure.Id == "medial-branch-block").Which.Target.Levels.Should().Be("L4-L5");
    }

    [TestCase("medicare", false)]
    [TestCase("asra-2020", true)]
    public void Evaluate_OneBlockAt60Percent_RecommendsRfaOnlyUnderAsra(string profile, bool expectRfa)
    {
        var patientCase = SampleCases.FacetRfaWithBlocks(
            new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 9, 25), ReliefPercent = 60 });

        var report = SharedEngines.For(profile).Evaluate(patientCase);

        Recommended(report).Contains("facet-rfa").Should().Be(expectRfa);
        report.Provenance.Profile.Should().Be(profile);
    }

    [TestCase(12, false)]
    [TestCase(13, true)]
    public void Evaluate_PainDuration_RecommendsFirstBlockFrom13Weeks(double weeks, bool expectBlock)
    {
        var patientCase = SampleCases.FacetRfaWithBlocks() with { Pain = SampleCases.FacetRfa().Pain with { DurationWeeks = weeks } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommended(report).Contains("medial-branch-block").Should().Be(expectBlock);
    }

    [Test]
    public void Evaluate_RecommendedRfa_ExplainsTheChainOfConclusions()
    {
        var patientCase = SampleCases.FacetRfa(80);

        var report = SharedEngines.Default.Evaluate(patientCase);

        var explanation = report.Recommendations.Single(r => r.Procedure.Id == "facet-rfa").Explanation;
        var confirmed = explanation.Facts.Single(f => f.Kind == "facetPainConfirmed");
        confirmed.DerivedBy!.RuleId.Should().Be("FACET-CONFIRM-001");
        confirmed.DerivedBy.Facts.Should().Contain(f => f.Kind == "facetCandidate" && f.DerivedBy!.RuleId == "FACET-CAND-001");
    }

    private static List<string> Recommended(RecommendationReport report) => [.. report.Recommendations.Select(r => r.Procedure.Id)];
}
