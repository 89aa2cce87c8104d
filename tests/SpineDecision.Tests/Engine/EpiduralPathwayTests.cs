using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>Epidural steroid injection pathway of the default rules: minimum pain duration per profile, the rolling
/// 12-month frequency limit, contraindications and missing information.</summary>
[TestFixture]
public sealed class EpiduralPathwayTests
{
    private const string Esi = "epidural-steroid-injection";

    [TestCase(3, false)]
    [TestCase(4, true)]
    public void Evaluate_PainDurationUnderMedicare_RecommendsEsiFrom4Weeks(double weeks, bool expectEsi)
    {
        var patientCase = SampleCases.Esi(weeks);

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, Esi).Should().Be(expectEsi);
    }

    [TestCase(1, false)]
    [TestCase(2, true)]
    public void Evaluate_PainDurationUnderFloridaBlue_RecommendsEsiFrom2Weeks(double weeks, bool expectEsi)
    {
        var patientCase = SampleCases.Esi(weeks);

        var report = SharedEngines.For("florida-blue").Evaluate(patientCase);

        Recommends(report, Esi).Should().Be(expectEsi);
    }

    [TestCase(5, false)]
    [TestCase(6, true)]
    public void Evaluate_PainDurationUnderEvicore_RecommendsEsiFrom6Weeks(double weeks, bool expectEsi)
    {
        var patientCase = SampleCases.Esi(weeks);

        var report = SharedEngines.For("evicore").Evaluate(patientCase);

        Recommends(report, Esi).Should().Be(expectEsi);
    }

    [TestCase("florida-blue", true)]
    [TestCase("evicore", false)]
    public void Evaluate_SameFiveWeekCaseUnderTwoProfiles_GivesTwoAnswers(string profile, bool expectEsi)
    {
        var patientCase = SampleCases.Esi(5);

        var report = SharedEngines.For(profile).Evaluate(patientCase);

        Recommends(report, Esi).Should().Be(expectEsi);
        report.Provenance.Profile.Should().Be(profile);
    }

    [Test]
    public void Evaluate_UnilateralRadicularPain_RecommendsTransforaminalEsiOnThatSide()
    {
        var patientCase = SampleCases.Esi(8);

        var report = SharedEngines.Default.Evaluate(patientCase);

        var esi = report.Recommendations.Should().ContainSingle(r => r.Procedure.Id == Esi).Subject;
        esi.Rule.RuleId.Should().Be("ESI-TF-001");
        esi.Approach.Should().Be("transforaminal");
        esi.Target.Should().Be(new TargetSite("lumbar", "left", null));
        esi.Rationale.Should().Contain("8 weeks of pain").And.Contain("baseline NRS 8, disability 44");
    }

    [TestCase(3, false)]
    [TestCase(4, true)]
    public void Evaluate_PriorSessionsWithin12Months_WithholdsEsiFromTheFourth(int sessions, bool expectWithheld)
    {
        var prior = Enumerable.Range(1, sessions).Select(i => SampleCases.PriorEsi(i * 30)).ToArray();
        var patientCase = SampleCases.Esi(8, prior);

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, Esi).Should().Be(!expectWithheld);
        report.Withheld.Any(w => w.Rule.RuleId == "ESI-FREQ-001" && w.Reason == "frequency-limit").Should().Be(expectWithheld);
    }

    [TestCase(366, false)]
    [TestCase(365, true)]
    public void Evaluate_FourthSessionAtTheEdgeOfTheRollingWindow_CountsOnlyWithin365Days(int daysAgo, bool expectWithheld)
    {
        var patientCase = SampleCases.Esi(8, SampleCases.PriorEsi(30), SampleCases.PriorEsi(90), SampleCases.PriorEsi(150), SampleCases.PriorEsi(daysAgo));

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, Esi).Should().Be(!expectWithheld);
        report.Withheld.Any(w => w.Rule.RuleId == "ESI-FREQ-001").Should().Be(expectWithheld);
    }

    [Test]
    public void Evaluate_FourSessionsUnderFloridaBlue_AllowsUpToSix()
    {
        var prior = Enumerable.Range(1, 4).Select(i => SampleCases.PriorEsi(i * 30)).ToArray();
        var patientCase = SampleCases.Esi(8, prior);

        var report = SharedEngines.For("florida-blue").Evaluate(patientCase);

        Recommends(report, Esi).Should().BeTrue();
    }

    [Test]
    public void Evaluate_FrequencyLimitReached_ListsTheOverriddenRecommendation()
    {
        var prior = Enumerable.Range(1, 4).Select(i => SampleCases.PriorEsi(i * 30)).ToArray();
        var patientCase = SampleCases.Esi(8, prior);

        var report = SharedEngines.Default.Evaluate(patientCase);

        var withheld = report.Withheld.Should().ContainSingle(w => w.Rule.RuleId == "ESI-FREQ-001").Subject;
        withheld.Text.Should().Be("4 ESI sessions in this region in the last 12 months; the limit is 4 per rolling 12 months, so the next becomes possible on 2027-07-05.");
        withheld.Overrides.Should().ContainSingle().Which.Rule.RuleId.Should().Be("ESI-TF-001");
    }

    [Test]
    public void Evaluate_SteroidAllergy_WithholdsEsiAndListsTheOverriddenRecommendation()
    {
        var patientCase = SampleCases.Esi(8) with { Allergies = [new Allergy { Substance = "corticosteroid" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, Esi).Should().BeFalse();
        var withheld = report.Withheld.Should().ContainSingle(w => w.Rule.RuleId == "CI-STEROID-ALLERGY-001").Subject;
        withheld.Reason.Should().Be("contraindication");
        withheld.Group.Should().Be("steroid-injection");
        withheld.Overrides.Should().ContainSingle().Which.Should().Match<Recommendation>(r => r.Procedure.Id == Esi && r.Rule.RuleId == "ESI-TF-001");
    }

    [Test]
    public void Evaluate_PainDurationUnknown_AsksForItAndDoesNotRecommend()
    {
        var patientCase = SampleCases.Esi(durationWeeks: null);

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, Esi).Should().BeFalse();
        report.InformationNeeded.Should().ContainSingle(i => i.Datum == "pain.durationWeeks")
            .Which.Unlocks.Select(u => u.Id).Should().Equal(Esi);
    }

    [Test]
    public void Evaluate_ImagingConcordanceUnknown_IsNotTreatedAsFalseButAsked()
    {
        var patientCase = SampleCases.Esi(8) with { Exam = SampleCases.Esi().Exam with { ImagingConcordant = null } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, Esi).Should().BeFalse();
        report.InformationNeeded.Should().ContainSingle(i => i.Datum == "exam.imagingConcordant");
    }

    [Test]
    public void Evaluate_ImagingNotConcordant_DoesNotAskAgain()
    {
        var patientCase = SampleCases.Esi(8) with { Exam = SampleCases.Esi().Exam with { ImagingConcordant = false } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        Recommends(report, Esi).Should().BeFalse();
        report.InformationNeeded.Should().NotContain(i => i.Datum == "exam.imagingConcordant");
    }

    private static bool Recommends(RecommendationReport report, string procedure) => report.Recommendations.Any(r => r.Procedure.Id == procedure);
}
