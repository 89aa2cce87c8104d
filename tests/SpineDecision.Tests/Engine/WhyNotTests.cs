using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>Why-not (<see cref="EvaluationOptions.Explain"/>) on the default rules: the unmet criteria of the closest
/// recommending rules, with the patient's values against the thresholds, for considered pathways only.</summary>
[TestFixture]
public sealed class WhyNotTests
{
    private const string Esi = "epidural-steroid-injection";

    private static readonly EvaluationOptions Explain = new() { Explain = true };

    [Test]
    public void Evaluate_ThreeWeeksOfPainWithExplain_NamesTheDurationCriterionWithValueAndThreshold()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(3), Explain);

        var criterion = report.WhyNot.Single(w => w.Procedure.Id == Esi).Criteria.Should()
            .ContainSingle(c => c.Parameters.Contains("esiMinPainWeeks")).Subject;
        criterion.Status.Should().Be("failed");
        criterion.Text.Should().Be("pain.durationWeeks = 3 weeks, required >= 4 weeks (param esiMinPainWeeks)");
        criterion.Fields.Should().Equal("pain.durationWeeks");
        criterion.Rule.RuleId.Should().Be("ESI-CC-001");
        criterion.ForRule.Should().Be("ESI-TF-001");
    }

    [Test]
    public void Evaluate_FourWeeksOfPainWithExplain_HasNoWhyNotForTheRecommendedEsi()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(4), Explain);

        report.Disposition.Should().Be(Dispositions.Proceed);
        report.WhyNot.Should().NotContain(w => w.Procedure.Id == Esi);
    }

    [Test]
    public void Evaluate_PainDurationUnknownWithExplain_ReportsTheCriterionAsUnknownNotFailed()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(null), Explain);

        var criterion = report.WhyNot.Single(w => w.Procedure.Id == Esi).Criteria.Single(c => c.Parameters.Contains("esiMinPainWeeks"));
        criterion.Status.Should().Be("unknown");
        criterion.Text.Should().StartWith("pain.durationWeeks = unknown");
    }

    [Test]
    public void Evaluate_ThreeWeeksOfPainWithoutExplain_HasNoWhyNot()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(3));

        report.WhyNot.Should().BeEmpty();
    }

    [Test]
    public void Evaluate_FacetCaseWithExplain_ExplainsOnlyConsideredPathways()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfa(secondRelief: 79), Explain);

        report.WhyNot.Select(w => w.Pathway).Should().OnlyContain(p => report.Pathways.Any(d => d.Pathway == p));
        report.WhyNot.Should().NotContain(w => w.Pathway == "neuromodulation");
    }

    [Test]
    public void Evaluate_SecondBlockBelowThresholdWithExplain_NamesTheBlockCountAgainstItsParameter()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfa(secondRelief: 79), Explain);

        report.WhyNot.Single(w => w.Procedure.Id == "facet-rfa").Criteria.Should()
            .Contain(c => c.Text == "1 matching procedure found, required at least 2 (param mbbBlocksRequired)" && c.Parameters.Contains("mbbReliefPercent"));
    }

    [Test]
    public void Evaluate_SameCaseTwiceWithExplain_GivesByteIdenticalJson()
    {
        var first = SharedEngines.Default.Evaluate(SampleCases.Esi(3), Explain).ToJson();

        var second = SharedEngines.Default.Evaluate(SampleCases.Esi(3), Explain).ToJson();

        second.Should().Be(first);
    }
}
