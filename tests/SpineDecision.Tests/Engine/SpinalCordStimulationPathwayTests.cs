using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>Spinal cord stimulation pathway of the default rules: trial after 26 weeks with psychological clearance,
/// implant after a trial with at least 50 % relief.</summary>
[TestFixture]
public sealed class SpinalCordStimulationPathwayTests
{
    [TestCase(49, false)]
    [TestCase(50, true)]
    public void Evaluate_TrialRelief_RecommendsImplantFrom50Percent(double relief, bool expectImplant)
    {
        var patientCase = SampleCases.Scs(trials: SampleCases.ScsTrial(relief));

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, "scs-implant").Should().Be(expectImplant);
    }

    [Test]
    public void Evaluate_TrialReliefBelowThreshold_WithholdsImplantForInsufficientResponse()
    {
        var patientCase = SampleCases.Scs(trials: SampleCases.ScsTrial(49));

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Withheld.Should().ContainSingle(w => w.Procedure!.Id == "scs-implant")
            .Which.Text.Should().Be("The SCS trial gave 49% relief; a permanent implant needs at least 50%.");
    }

    [TestCase(25, false)]
    [TestCase(26, true)]
    public void Evaluate_PainDuration_RecommendsTrialFrom26Weeks(double weeks, bool expectTrial)
    {
        var patientCase = SampleCases.Scs(weeks);

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, "scs-trial").Should().Be(expectTrial);
    }

    [TestCase(12, false)]
    [TestCase(13, true)]
    public void Evaluate_PainDurationUnderFloridaBlue_RecommendsTrialFrom13Weeks(double weeks, bool expectTrial)
    {
        var patientCase = SampleCases.Scs(weeks);

        var report = SharedEngines.For("florida-blue").Evaluate(patientCase);

        Recommends(report, "scs-trial").Should().Be(expectTrial);
    }

    [Test]
    public void Evaluate_CompletedTrial_DoesNotRecommendAnotherTrial()
    {
        var patientCase = SampleCases.Scs(trials: SampleCases.ScsTrial(70));

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, "scs-trial").Should().BeFalse();
    }

    [Test]
    public void Evaluate_PsychologicalEvaluationUnknown_AsksForItAndDoesNotRecommendATrial()
    {
        var patientCase = SampleCases.Scs(psychEvaluation: null);

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, "scs-trial").Should().BeFalse();
        report.InformationNeeded.Should().ContainSingle(i => i.Datum == "psychosocial.evaluation")
            .Which.Unlocks.Select(u => u.Id).Should().Equal("scs-trial");
    }

    [Test]
    public void Evaluate_PsychologicalEvaluationNotCleared_WithholdsNeuromodulation()
    {
        var patientCase = SampleCases.Scs(psychEvaluation: "not-cleared");

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, "scs-trial").Should().BeFalse();
        report.Withheld.Should().Contain(w => w.Group == "neuromodulation" && w.Reason == "contraindication");
    }

    private static bool Recommends(RecommendationReport report, string procedure) => report.Recommendations.Any(r => r.Procedure.Id == procedure);
}
