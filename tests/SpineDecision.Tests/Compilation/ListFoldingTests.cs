using NRules.Diagnostics;
using SpineDecision.Cases;
using SpineDecision.Facts;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Compilation;

/// <summary>
/// List conditions over the case's own lists (<c>exists</c>, <c>none</c>, <c>count</c> reading only the item and the
/// case) are folded onto the case fact instead of joins (issue 15); a list condition that reads a conclusion keeps its
/// Rete join, so truth maintenance still follows derived facts.
/// </summary>
[TestFixture]
public sealed class ListFoldingTests
{
    private const string FoldedRules = """
        rules:
          - id: FOLD-EXISTS-001
            title: A failed therapy and no recent block
            cites: [SRC]
            when:
              - exists: therapy
                where: "outcome == failed"
              - none: procedure
                where: "procedure == medial-branch-block"
                within: 12 months
            then:
              - recommend:
                  procedure: medial-branch-block
                  intent: diagnostic
                  strength: recommended
                  rationale: "No block yet."
          - id: FOLD-COUNT-001
            title: Two blocks with at least 80 % relief
            cites: [SRC]
            when:
              - count: procedure
                as: positive
                where: "procedure == medial-branch-block and reliefPercent >= 80"
                atLeast: 2
            then:
              - recommend:
                  procedure: facet-rfa
                  intent: therapeutic
                  strength: recommended
                  rationale: "{positive.count} positive blocks."
        """;

    private const string JoinedRules = """
        conclusions:
          - id: reliefThreshold
            description: The relief a block must reach.
            attributes:
              percent: number
        rules:
          - id: JOIN-DERIVE-001
            title: The relief threshold follows the pain score
            cites: [SRC]
            when:
              - check: "pain.nrs is known"
            then:
              - derive:
                  conclusion: reliefThreshold
                  with: { percent: pain.nrs * 10 }
          - id: JOIN-EXISTS-001
            title: A block reaching the derived threshold
            cites: [SRC]
            when:
              - match: reliefThreshold
                as: threshold
              - exists: procedure
                where: "procedure == medial-branch-block and reliefPercent >= threshold.percent"
            then:
              - recommend:
                  procedure: facet-rfa
                  intent: therapeutic
                  strength: recommended
                  rationale: "A block reached the threshold."
        """;

    private static readonly Lazy<SpineDecisionEngine> FoldedEngine = new(() => TestRules.Engine("folded.yaml", TestRules.Header("folded") + FoldedRules));

    private static readonly Lazy<SpineDecisionEngine> JoinedEngine = new(() => TestRules.Engine("joined.yaml", TestRules.Header("joined") + JoinedRules));

    [Test]
    public void Compile_ListConditionsReadingOnlyTheCase_BuildNoListNodesAndInsertNoItems()
    {
        var compiled = FoldedEngine.Value.Compiled;

        var nodeTypes = compiled.SessionFactory.GetSchema().Nodes.Select(n => n.NodeType).ToList();

        nodeTypes.Should().NotContain([NodeType.Exists, NodeType.Not, NodeType.Aggregate]);
        compiled.MatchedListTypes.Should().BeEmpty();
    }

    [Test]
    public void Compile_ListConditionReadingAConclusion_KeepsTheJoinAndInsertsTheItems()
    {
        var compiled = JoinedEngine.Value.Compiled;

        var nodeTypes = compiled.SessionFactory.GetSchema().Nodes.Select(n => n.NodeType).ToList();

        nodeTypes.Should().Contain(NodeType.Exists);
        compiled.MatchedListTypes.Should().Equal(typeof(ItemFact<PriorProcedure>));
    }

    [Test]
    public void Evaluate_ListConditionReadingAConclusion_MatchesTheItemThroughTheJoin()
    {
        var patientCase = Case(Block(85, "lumbar"));

        var report = JoinedEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().ContainSingle().Which.Rule.RuleId.Should().Be("JOIN-EXISTS-001");
    }

    [Test]
    public void Evaluate_ListConditionReadingAConclusionBelowItsThreshold_DoesNotRecommend()
    {
        var patientCase = Case(Block(59, "lumbar"));

        var report = JoinedEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().BeEmpty();
    }

    [Test]
    public void Evaluate_FoldedExistsAndNoneHold_Recommends()
    {
        var patientCase = Case();

        var report = FoldedEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().ContainSingle().Which.Rule.RuleId.Should().Be("FOLD-EXISTS-001");
    }

    [Test]
    public void Evaluate_FoldedNoneViolatedByARecentBlock_DoesNotRecommend()
    {
        var patientCase = Case(Block(30, "lumbar"));

        var report = FoldedEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().BeEmpty();
    }

    [Test]
    public void Evaluate_FoldedNoneWithTheBlockOutsideTheWindow_Recommends()
    {
        var patientCase = Case(Block(30, "lumbar") with { Date = SampleCases.AssessmentDate.AddMonths(-13) });

        var report = FoldedEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().ContainSingle().Which.Rule.RuleId.Should().Be("FOLD-EXISTS-001");
    }

    [Test]
    public void Evaluate_FoldedCountAtItsMinimum_RecommendsAndExplainsTheCountedItemsInListOrder()
    {
        var patientCase = Case(Block(85, "lumbar"), Block(40, "lumbar"), Block(90, "lumbar"));

        var report = FoldedEngine.Value.Evaluate(patientCase);

        var recommendation = report.Recommendations.Should().ContainSingle(r => r.Rule.RuleId == "FOLD-COUNT-001").Subject;
        recommendation.Rationale.Should().Be("2 positive blocks.");
        var counted = recommendation.Explanation.Facts.Should().ContainSingle(f => f.Kind == "count").Subject;
        counted.Items.Should().HaveCount(2);
        counted.Items[0].Description.Should().Contain("reliefPercent=85");
        counted.Items[1].Description.Should().Contain("reliefPercent=90");
    }

    [Test]
    public void Evaluate_FoldedCountBelowItsMinimum_DoesNotRecommend()
    {
        var patientCase = Case(Block(85, "lumbar"), Block(79, "lumbar"));

        var report = FoldedEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().NotContain(r => r.Rule.RuleId == "FOLD-COUNT-001");
    }

    private static PriorProcedure Block(double relief, string region) => new()
    {
        Procedure = "medial-branch-block",
        Region = region,
        Date = SampleCases.AssessmentDate.AddMonths(-1),
        ReliefPercent = relief,
    };

    private static PatientCase Case(params PriorProcedure[] procedures) => new()
    {
        AssessmentDate = SampleCases.AssessmentDate,
        Pain = new PainInfo { Region = "lumbar", Pattern = "axial", DurationWeeks = 20, Nrs = 6 },
        ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 8, Outcome = "failed" }],
        PriorProcedures = procedures,
        RedFlags = [],
    };
}
