using SpineDecision.Diagnostics;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;

namespace SpineDecision.Tests.Engine;

/// <summary>Guards around one evaluation: the firing limit and rule failures turned into typed errors (DESIGN §4).</summary>
[TestFixture]
public sealed class EvaluatorTests
{
    internal const int Limit = 37;

    /// <summary>A rule that negates its own conclusion, for lumbar pain only, so other cases still evaluate.</summary>
    private const string LoopRules = """
        conclusions:
          - id: loopX
            description: Exists only while it does not exist.
          - id: loopY
            description: First half of a two-rule cycle.
          - id: loopZ
            description: Second half of a two-rule cycle.
        rules:
          - id: LOOP-A-001
            title: Derives Y while Z is absent
            cites: [SRC]
            when:
              - check: "pain.region == thoracic"
              - none: loopZ
            then:
              - derive:
                  conclusion: loopY
          - id: LOOP-B-001
            title: Derives Z from Y, which removes Y's support
            cites: [SRC]
            when:
              - match: loopY
            then:
              - derive:
                  conclusion: loopZ
          - id: LOOP-001
            title: Derives what it requires to be absent
            cites: [SRC]
            when:
              - check: "pain.region == lumbar"
              - none: loopX
            then:
              - derive:
                  conclusion: loopX
          - id: LOOP-OK-001
            title: A well-behaved rule
            cites: [SRC]
            when:
              - check: "pain.region == cervical"
            then:
              - recommend:
                  procedure: medial-branch-block
                  intent: diagnostic
                  strength: recommended
                  rationale: Cervical pain.
        """;

    private const string BoomRules = """
        rules:
          - id: BOOM-LHS-001
            title: Fails in its condition
            cites: [SRC]
            when:
              - check: "pain.region == cervical"
              - check: "explode(pain.nrs) > 1"
            then:
              - recommend:
                  procedure: medial-branch-block
                  intent: diagnostic
                  strength: recommended
                  rationale: Never reached.
          - id: BOOM-RHS-001
            title: Fails in its action
            cites: [SRC]
            when:
              - check: "pain.region == thoracic"
            then:
              - recommend:
                  procedure: medial-branch-block
                  intent: diagnostic
                  strength: recommended
                  rationale: "Pain {explode(pain.nrs)}."
          - id: BOOM-OK-001
            title: A well-behaved rule
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

    private static readonly string BoomYaml = TestRules.Header("boom") + BoomRules;

    internal static readonly Lazy<SpineDecisionEngine> LoopEngine =
        new(() => TestRules.Engine("loop.yaml", TestRules.Header("loop") + LoopRules, maxRuleFirings: Limit));

    internal static readonly Lazy<SpineDecisionEngine> BoomEngine = new(() => TestRules.Engine("boom.yaml", BoomYaml,
        functions: FunctionTable.Default.With(new FunctionDef("explode", [DataType.Number], DataType.Number, false, typeof(EvaluatorTests).GetMethod(nameof(Explode))!))));

    public static double? Explode(double? x) => throw new InvalidOperationException("boom");

    [Test]
    public void Evaluate_RuleNegatingItsOwnConclusion_ThrowsRunawayNamingTheRule()
    {
        var patientCase = SampleCases.FacetRfa();

        var act = () => LoopEngine.Value.Evaluate(patientCase);

        var e = act.Should().Throw<RunawayRulesException>().Which;
        e.RuleIds.Should().Equal("LOOP-001");
        e.Limit.Should().Be(Limit);
        e.Message.Should().Contain("LOOP-001");
    }

    [Test]
    public void Evaluate_TwoRulesFeedingACycle_NamesBothRules()
    {
        var patientCase = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "thoracic" } };

        var act = () => LoopEngine.Value.Evaluate(patientCase);

        act.Should().Throw<RunawayRulesException>().Which.RuleIds.Should().Equal("LOOP-A-001", "LOOP-B-001");
    }

    [Test]
    public void Evaluate_RuleNegatingItsOwnConclusion_StopsAfterExactlyMaxRuleFirings()
    {
        var patientCase = SampleCases.FacetRfa();
        var fired = new List<string>();

        var act = () => LoopEngine.Value.Evaluate(patientCase, EvaluationOptions.Default, fired);

        act.Should().Throw<RunawayRulesException>();
        fired.Should().HaveCount(Limit).And.OnlyContain(id => id == "LOOP-001");
    }

    [Test]
    public void Evaluate_AfterARunaway_TheEngineStillEvaluatesOtherCases()
    {
        var runaway = SampleCases.FacetRfa();
        var cervical = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "cervical" } };
        var act = () => LoopEngine.Value.Evaluate(runaway);
        act.Should().Throw<RunawayRulesException>();

        var report = LoopEngine.Value.Evaluate(cervical);

        report.Recommendations.Should().ContainSingle(r => r.Rule.RuleId == "LOOP-OK-001");
    }

    [Test]
    public void Evaluate_ConditionThrows_ThrowsRuleEvaluationExceptionWithRuleIdAndLocation()
    {
        var patientCase = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "cervical" } };

        var act = () => BoomEngine.Value.Evaluate(patientCase);

        var e = act.Should().Throw<RuleEvaluationException>().Which;
        e.RuleId.Should().Be("BOOM-LHS-001");
        e.Location.Should().Be(new SourceLocation("boom.yaml", TestRules.LineOf(BoomYaml, "id: BOOM-LHS-001"), 5));
        e.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("boom");
        e.Message.Should().Contain("BOOM-LHS-001").And.Contain("boom.yaml(");
    }

    [Test]
    public void Evaluate_ActionThrows_ThrowsRuleEvaluationExceptionWithRuleIdAndLocation()
    {
        var patientCase = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "thoracic" } };

        var act = () => BoomEngine.Value.Evaluate(patientCase);

        var e = act.Should().Throw<RuleEvaluationException>().Which;
        e.RuleId.Should().Be("BOOM-RHS-001");
        e.Location.Should().Be(new SourceLocation("boom.yaml", TestRules.LineOf(BoomYaml, "id: BOOM-RHS-001"), 5));
        e.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("boom");
    }

    [Test]
    public void Evaluate_AfterRuleFailures_TheEngineStillEvaluatesOtherCases()
    {
        var lhs = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "cervical" } };
        var rhs = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "thoracic" } };
        ((Action)(() => BoomEngine.Value.Evaluate(lhs))).Should().Throw<RuleEvaluationException>();
        ((Action)(() => BoomEngine.Value.Evaluate(rhs))).Should().Throw<RuleEvaluationException>();

        var report = BoomEngine.Value.Evaluate(SampleCases.FacetRfa());

        report.Recommendations.Should().ContainSingle(r => r.Rule.RuleId == "BOOM-OK-001");
    }

    [Test]
    public void Evaluate_RuleFailure_IsASpineDecisionExceptionAHostCanCatch()
    {
        var patientCase = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "thoracic" } };

        var act = () => BoomEngine.Value.Evaluate(patientCase);

        act.Should().Throw<SpineDecisionException>();
    }
}
