namespace SpineDecision.Tests.Engine;

/// <summary>Which withheld items text views show, and which they fold under "not relevant to this case".</summary>
public sealed class WithheldRelevanceTests
{
    [Test]
    public void IsRelevant_WithholdInAPathwayTheCaseWasNotConsideredFor_IsFalse()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfa());
        var esi = report.Withheld.Single(w => w.Procedure?.Id == "epidural-steroid-injection");

        var relevant = report.IsRelevant(esi);

        relevant.Should().BeFalse();
    }

    [Test]
    public void IsRelevant_WithholdThatBlockedARecommendation_IsTrue()
    {
        var prior = Enumerable.Range(1, 4).Select(i => SampleCases.PriorEsi(i * 30)).ToArray();
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(8, prior));
        var esi = report.Withheld.Single(w => w.Rule.RuleId == "ESI-FREQ-001");

        var relevant = report.IsRelevant(esi);

        relevant.Should().BeTrue();
    }

    [Test]
    public void IsRelevant_WithholdOfAWholeGroup_IsTrue()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(8));
        var facetGroup = report.Withheld.Single(w => w.Group == "facet");

        var relevant = report.IsRelevant(facetGroup);

        relevant.Should().BeTrue();
    }

    [Test]
    public void Evaluate_Report_GivesEachProcedureItsPathway()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfa());

        report.Recommendations.Single().Procedure.Pathway.Should().Be("facet");
    }
}
