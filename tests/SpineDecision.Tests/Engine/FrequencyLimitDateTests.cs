using System.Globalization;
using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>
/// Frequency limits on the default rules say when the procedure becomes possible again: a minimum interval from the
/// most recent session, a rolling-window limit from the day fewer than the limit are left in the window (365 days for
/// 12 months, 182 for 26 weeks, a session exactly that long ago still counting). The withhold carries the date in its
/// text and as its reassess condition, so an indicated procedure is deferred, not refused.
/// </summary>
[TestFixture]
public sealed class FrequencyLimitDateTests
{
    private static readonly DateOnly Assessed = SampleCases.AssessmentDate;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string InDays(int days) => Iso(Assessed.AddDays(days));

    private static PatientCase EsiAfter(params int[] daysAgo) => SampleCases.Esi(8, [.. daysAgo.Select(SampleCases.PriorEsi)]);

    private static WithheldProcedure Single(RecommendationReport report, string rule) =>
        report.Withheld.Should().ContainSingle(w => w.Rule.RuleId == rule).Subject;

    [TestCase(364, 2)]
    [TestCase(365, 1)]
    public void Evaluate_FourEsisInTheRollingYear_DefersToTheDayTheOldestLeavesIt(int oldestDaysAgo, int possibleInDays)
    {
        var report = SharedEngines.Default.Evaluate(EsiAfter(30, 90, 150, oldestDaysAgo));

        report.Disposition.Should().Be(Dispositions.Defer);
        var withheld = Single(report, "ESI-FREQ-001");
        withheld.Temporary.Should().BeTrue();
        withheld.Reassess.Should().StartWith(InDays(possibleInDays) + " (");
        withheld.Text.Should().EndWith($"so the next becomes possible on {InDays(possibleInDays)}.");
    }

    [TestCase(366)]
    [TestCase(367)]
    public void Evaluate_OldestOfFourEsisOnOrAfterTheDayItLeavesTheWindow_Proceeds(int oldestDaysAgo)
    {
        var report = SharedEngines.Default.Evaluate(EsiAfter(30, 90, 150, oldestDaysAgo));

        report.Disposition.Should().Be(Dispositions.Proceed);
        report.Withheld.Should().NotContain(w => w.Rule.RuleId == "ESI-FREQ-001");
    }

    [Test]
    public void Evaluate_FiveEsisInTheRollingYear_DefersUntilTheSecondOldestLeaves()
    {
        var report = SharedEngines.Default.Evaluate(EsiAfter(30, 90, 150, 200, 300));

        Single(report, "ESI-FREQ-001").Reassess.Should().StartWith(InDays(366 - 200) + " (");
    }

    [Test]
    public void Evaluate_ThreeEsisIn26WeeksUnderEvicore_DefersToTheDayTheOldestLeavesThe182Days()
    {
        var report = SharedEngines.For("evicore").Evaluate(EsiAfter(20, 100, 182));

        report.Disposition.Should().Be(Dispositions.Defer);
        Single(report, "ESI-FREQ-002").Reassess.Should().StartWith(InDays(1) + " (when fewer than 3 sessions remain in the rolling 26 weeks)");
    }

    [Test]
    public void Evaluate_TwoEsisWithinTheEvicoreInterval_GivesOneDateFromTheMostRecent()
    {
        var report = SharedEngines.For("evicore").Evaluate(EsiAfter(10, 5));

        var withheld = Single(report, "ESI-INTERVAL-001");
        withheld.Reassess.Should().StartWith(InDays(14 - 5) + " (");
        withheld.Text.Should().EndWith($"so the next becomes possible on {InDays(14 - 5)}.");
    }

    [Test]
    public void Evaluate_FrequencyLimitAndACorticosteroidAllergy_IsNotIndicated()
    {
        var patientCase = EsiAfter(30, 90, 150, 365) with { Allergies = [new Allergy { Substance = "corticosteroid" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.NotIndicated);
    }

    [Test]
    public void Evaluate_FrequencyLimitAndAnUnexplainedRedFlag_IsUrgentEvaluation()
    {
        var patientCase = EsiAfter(30, 90, 150, 365) with { RedFlags = [new RedFlagFinding { Flag = "unexplained-weight-loss", Explained = false }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.UrgentEvaluation);
    }

    [Test]
    public void Evaluate_TwoRfSessionsInTheRollingYear_DefersTheThirdToTheDayTheOlderLeaves()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfaWithBlocks(Rfa(365), Rfa(205)));

        report.Disposition.Should().Be(Dispositions.Defer);
        Single(report, "FACET-RFA-FREQ-001").Reassess.Should().StartWith(InDays(1) + " (when fewer than 2 RF sessions remain");
    }

    [Test]
    public void Evaluate_OlderOfTwoRfSessions366DaysAgo_Proceeds()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfaWithBlocks(Rfa(366), Rfa(205)));

        report.Disposition.Should().Be(Dispositions.Proceed);
        report.Withheld.Should().NotContain(w => w.Rule.RuleId == "FACET-RFA-FREQ-001");
    }

    [Test]
    public void Evaluate_FourFacetSessionsInTheRollingYear_DefersBothBlockAndInjectionToTheSameDay()
    {
        var patientCase = SampleCases.FacetRfaWithBlocks(
            Facet("facet-intra-articular-injection", 365), Facet("facet-intra-articular-injection", 123),
            Facet("medial-branch-block", 73), Facet("medial-branch-block", 37)) with
        { Comorbidities = [new Comorbidity { Condition = "rfa-contraindicated" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        var withheld = report.Withheld.Where(w => w.Rule.RuleId == "FACET-FREQ-001").ToList();
        withheld.Select(w => w.Procedure!.Id).Should().BeEquivalentTo(["medial-branch-block", "facet-intra-articular-injection"]);
        withheld.Should().OnlyContain(w => w.Temporary && w.Reassess!.StartsWith(InDays(1) + " (", StringComparison.Ordinal));
    }

    [TestCase(365, "defer")]
    [TestCase(366, "proceed")]
    public void Evaluate_FourTherapeuticSiInjectionsInTheRollingYear_DefersTheFifthToTheDayTheOldestLeaves(int oldestDaysAgo, string disposition)
    {
        var report = SharedEngines.Default.Evaluate(Sacroiliac(oldestDaysAgo));

        report.Disposition.Should().Be(disposition);
        if (disposition == Dispositions.Defer)
        {
            Single(report, "SIJ-FREQ-001").Reassess.Should().StartWith(InDays(1) + " (when fewer than 4 injections remain");
        }
    }

    [Test]
    public void Evaluate_TwoDiagnosticSiSessions_StaysAPermanentLimit()
    {
        var report = SharedEngines.Default.Evaluate(Sacroiliac(300, diagnosticSessions: 2));

        var withheld = Single(report, "SIJ-DIAG-LIMIT-001");
        withheld.Temporary.Should().BeFalse();
        withheld.Reassess.Should().BeNull();
    }

    [Test]
    public void Evaluate_TwoSteroidInjectionsWithinSixWeeks_OneAdvisoryNamingTheDayTheIntervalIsReached()
    {
        var report = SharedEngines.Default.Evaluate(EsiAfter(40, 30));

        var precaution = report.Precautions.Should().ContainSingle(p => p.Rule.RuleId == "CI-STEROID-INTERVAL-001").Subject;
        precaution.Severity.Should().Be(PrecautionSeverities.Advisory);
        precaution.Text.Should().Contain($"(reached on {InDays(42 - 30)})");
    }

    private static PriorProcedure Rfa(int daysAgo) => new()
    {
        Procedure = "facet-rfa", Region = "lumbar", Date = Assessed.AddDays(-daysAgo), ReliefPercent = 80, ReliefDuration = 28, ReliefDurationUnit = "weeks",
    };

    private static PriorProcedure Facet(string procedure, int daysAgo) => new()
    {
        Procedure = procedure, Region = "lumbar", Date = Assessed.AddDays(-daysAgo), ReliefPercent = 85, ReliefDuration = 14, ReliefDurationUnit = "weeks",
    };

    /// <summary>Right SI joint pain confirmed by a diagnostic injection, with four therapeutic injections that each
    /// helped enough for a repeat, the oldest <paramref name="oldestDaysAgo"/> days before the assessment.</summary>
    private static PatientCase Sacroiliac(int oldestDaysAgo, int diagnosticSessions = 1)
    {
        string Date(int daysAgo) => Iso(Assessed.AddDays(-daysAgo));
        var diagnostic = string.Concat(Enumerable.Range(0, diagnosticSessions).Select(i =>
            $"  - {{ procedure: sij-diagnostic-injection, region: sacroiliac, side: right, date: {Date(400 + (i * 30))}, reliefPercent: 80 }}\n"));
        var yaml = $$"""
            caseFormat: 2
            assessmentDate: {{Iso(Assessed)}}
            patient: { age: 52, sex: female, pregnant: false }
            pain: { region: lumbar, pattern: axial, laterality: right, durationWeeks: 20, nrs: 6, disabilityScale: odi, disabilityScore: 34, locations: [{ site: psis, side: right }, { site: buttock, side: right }] }
            exam: { siProvocationPositive: 3 }
            diagnoses: [sacroiliac-joint-dysfunction]
            conservativeCare: [{ modality: physical-therapy, weeks: 6, outcome: failed }]
            priorProcedures:
            {{diagnostic}}  - { procedure: sij-injection, region: sacroiliac, side: right, date: {{Date(oldestDaysAgo)}}, reliefPercent: 60, reliefDuration: 14, reliefDurationUnit: weeks }
              - { procedure: sij-injection, region: sacroiliac, side: right, date: {{Date(264)}}, reliefPercent: 60, reliefDuration: 14, reliefDurationUnit: weeks }
              - { procedure: sij-injection, region: sacroiliac, side: right, date: {{Date(170)}}, reliefPercent: 60, reliefDuration: 13, reliefDurationUnit: weeks }
              - { procedure: sij-injection, region: sacroiliac, side: right, date: {{Date(104)}}, reliefPercent: 60, reliefDuration: 13, reliefDurationUnit: weeks }
            redFlags: []
            medications: []
            allergies: []
            comorbidities: []
            """;
        return PatientCaseReader.Read(yaml, "sacroiliac.yaml");
    }
}
