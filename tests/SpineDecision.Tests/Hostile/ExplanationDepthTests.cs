using SpineDecision.Engine;
using SpineDecision.Reports;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Hostile;

/// <summary>
/// A conclusion derived from itself chains one firing per step; the report's derivation tree stops at
/// <see cref="ReportBuilder.MaxExplanationDepth"/> rules, still naming the rule below the cut, so that neither the
/// stack nor the JSON writer follows a chain of thousands.
/// </summary>
[TestFixture]
public sealed class ExplanationDepthTests
{
    private static string Chain(int steps) => TestRules.Header("chain") + $"""
        conclusions:
          - id: step
            description: One step of a chain.
            attributes:
              n: number
        rules:
          - id: CHAIN-START
            title: Start
            cites: [SRC]
            when:
              - check: "pain.nrs is known"
            then:
              - derive: {"{"} conclusion: step, with: {"{"} n: 1 {"}"} {"}"}
          - id: CHAIN-NEXT
            title: Next
            cites: [SRC]
            when:
              - match: step
                as: s
                where: "n < {steps}"
            then:
              - derive: {"{"} conclusion: step, with: {"{"} n: s.n + 1 {"}"} {"}"}
          - id: CHAIN-END
            title: End
            cites: [SRC]
            when:
              - match: step
                where: "n == {steps}"
            then:
              - recommend:
                  procedure: epidural-steroid-injection
                  intent: therapeutic
                  strength: recommended
                  rationale: End of the chain.
        """;

    private static int Depth(Explanation explanation) =>
        1 + explanation.Facts.Select(f => f.DerivedBy is null ? 0 : Depth(f.DerivedBy)).DefaultIfEmpty(0).Max();

    private static Explanation EndOfChain(int steps) =>
        SmallStack.Run(() => TestRules.Engine("chain.yaml", Chain(steps)).Evaluate(SampleCases.FacetRfa()))
            .Recommendations.Single(r => r.Rule.RuleId == "CHAIN-END").Explanation;

    [Test]
    public void Evaluate_ChainOneShorterThanTheLimit_ShowsTheWholeDerivation()
    {
        var explanation = EndOfChain(ReportBuilder.MaxExplanationDepth - 1);

        Depth(explanation).Should().Be(ReportBuilder.MaxExplanationDepth);
    }

    [Test]
    public void Evaluate_ChainAtTheLimit_CutsTheTreeAtTheLimit()
    {
        var explanation = EndOfChain(ReportBuilder.MaxExplanationDepth);

        Depth(explanation).Should().Be(ReportBuilder.MaxExplanationDepth);
    }

    [Test]
    public void Evaluate_ChainOfAThousandSteps_ReportSerializesWithABoundedTree()
    {
        var report = SmallStack.Run(() => TestRules.Engine("chain.yaml", Chain(1000)).Evaluate(SampleCases.FacetRfa()));

        var json = report.ToJson();

        Depth(report.Recommendations.Single(r => r.Rule.RuleId == "CHAIN-END").Explanation).Should().Be(ReportBuilder.MaxExplanationDepth);
        json.Should().Contain("\"ruleId\": \"CHAIN-NEXT\"");
    }
}
