using SpineDecision.Cases;
using SpineDecision.Engine;
using SpineDecision.Testing;

namespace SpineDecision.Tests.Engine;

/// <summary>The safety invariants the report enforces whatever the rules say (DESIGN §4).</summary>
[TestFixture]
public sealed class ReportBuilderTests
{
    /// <summary>Rules that recommend RFA for any lumbar pain and know nothing about red flags.</summary>
    private const string NoRedFlagRules = """
        rules:
          - id: T-RFA-001
            title: RFA for lumbar pain
            cites: [SRC]
            when:
              - check: "pain.region == lumbar"
            then:
              - recommend:
                  procedure: facet-rfa
                  intent: therapeutic
                  strength: recommended
                  rationale: Lumbar pain.
        """;

    private static readonly Lazy<SpineDecisionEngine> NoRedFlagEngine =
        new(() => TestRules.Engine("no-red-flags.yaml", TestRules.Header("no-red-flags") + NoRedFlagRules));

    [TestCase(false)]
    [TestCase(null)]
    public void Build_UnexplainedRedFlag_WithholdsEveryElectiveRecommendation(bool? explained)
    {
        var patientCase = SampleCases.FacetRfa(85) with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia", Explained = explained }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Recommendations.Should().BeEmpty();
        report.HasRedFlag.Should().BeTrue();
        var withheld = report.Withheld.Should().ContainSingle(w => w.Reason == "red-flag").Subject;
        withheld.Group.Should().Be("elective");
        withheld.Overrides.Select(r => r.Procedure.Id).Should().Contain("facet-rfa");
    }

    [TestCase(false)]
    [TestCase(null)]
    public void Build_UnexplainedRedFlag_RaisesARedFlagAlertFromTheRule(bool? explained)
    {
        var patientCase = SampleCases.FacetRfa(85) with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia", Explained = explained }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        var alert = report.Alerts.Should().ContainSingle().Subject;
        alert.Category.Should().Be("red-flag");
        alert.Severity.Should().Be("emergency");
        alert.Rule.RuleId.Should().Be("RF-CES-001");
        alert.Text.Should().Be("Possible cauda equina syndrome: saddle-anaesthesia.");
    }

    [Test]
    public void Build_RedFlagExplainedByWorkUp_KeepsTheRecommendations()
    {
        var patientCase = SampleCases.FacetRfa(85) with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia", Explained = true }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Recommendations.Select(r => r.Procedure.Id).Should().Contain("facet-rfa");
        report.Alerts.Should().BeEmpty();
        report.Withheld.Should().NotContain(w => w.Reason == "red-flag");
    }

    [Test]
    public void Build_RedFlagAndContraindication_ListsEachOverriddenRecommendationOnce()
    {
        var patientCase = SampleCases.Esi(8) with
        {
            Allergies = [new Allergy { Substance = "corticosteroid" }],
            RedFlags = [new RedFlagFinding { Flag = "fever" }],
        };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Recommendations.Should().BeEmpty();
        report.Withheld.Single(w => w.Rule.RuleId == "CI-STEROID-ALLERGY-001").Overrides.Should().ContainSingle();
        report.Withheld.Single(w => w.Reason == "red-flag").Overrides.Should().BeEmpty("the allergy already blocked the only recommendation");
    }

    [Test]
    public void Build_RulesWithoutRedFlagRules_StillRaiseTheEngineSafetyAlert()
    {
        var patientCase = SampleCases.FacetRfa(85) with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia" }] };

        var report = NoRedFlagEngine.Value.Evaluate(patientCase);

        var alert = report.Alerts.Should().ContainSingle().Subject;
        alert.Rule.RuleId.Should().Be(ReportBuilder.RedFlagSafetyRuleId).And.Be("SAFETY-RED-FLAG");
        alert.Category.Should().Be("red-flag");
        alert.Text.Should().Contain("saddle-anaesthesia");
    }

    [Test]
    public void Build_RulesWithoutRedFlagRules_StillWithholdEveryRecommendation()
    {
        var patientCase = SampleCases.FacetRfa(85) with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia" }] };

        var report = NoRedFlagEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().BeEmpty();
        report.Withheld.Should().ContainSingle(w => w.Reason == "red-flag")
            .Which.Overrides.Should().ContainSingle(r => r.Rule.RuleId == "T-RFA-001");
        report.Provenance.Rules.Select(r => r.RuleId).Should().Contain("SAFETY-RED-FLAG");
    }

    [Test]
    public void Build_RulesWithoutRedFlagRulesAndNoRedFlag_Recommend()
    {
        var patientCase = SampleCases.FacetRfa(85) with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia", Explained = true }] };

        var report = NoRedFlagEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().ContainSingle(r => r.Rule.RuleId == "T-RFA-001");
        report.Alerts.Should().BeEmpty();
    }

    /// <summary>A thread reuses its working lists from report to report: no report may see anything of the one before.</summary>
    [Test]
    public void Build_ReportsInSequenceOnOneThread_AreEachAsBuiltOnAFreshThread()
    {
        var options = new EvaluationOptions { Explain = true };
        var cases = CaseGenerator.Generate(120, seed: 7);

        var inSequence = cases.Select(c => SharedEngines.Default.Evaluate(c, options).ToJson()).ToList();

        var fresh = cases.Select(c =>
        {
            string? json = null;
            var thread = new Thread(() => json = SharedEngines.Default.Evaluate(c, options).ToJson());
            thread.Start();
            thread.Join();
            return json;
        }).ToList();
        inSequence.Should().Equal(fresh);
        inSequence.Distinct().Should().HaveCountGreaterThan(50, "the cases must differ for the sequence to test anything");
    }
}
