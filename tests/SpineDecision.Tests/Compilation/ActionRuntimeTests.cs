using NRules;
using SpineDecision.Cases;
using SpineDecision.Compilation;
using SpineDecision.Facts;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Compilation;

/// <summary>
/// Forward chaining and truth maintenance of the generated actions: derived conclusions and outcomes are linked
/// facts, so they disappear when their support does (DESIGN §3), and two rules may derive the same conclusion
/// (NRULES.md pitfall 2).
/// </summary>
[TestFixture]
public sealed class ActionRuntimeTests
{
    private const string ChainRules = """
        conclusions:
          - id: careFailed
            description: Conservative care failed.
            attributes:
              weeks: number
        rules:
          - id: CHAIN-A-001
            title: Derives careFailed from a failed therapy after 10 weeks of pain
            cites: [SRC]
            when:
              - check: "pain.durationWeeks >= 10"
              - exists: therapy
                where: "outcome == failed"
            then:
              - derive:
                  conclusion: careFailed
                  with: { weeks: pain.durationWeeks }
          - id: CHAIN-A2-001
            title: Derives careFailed from severe pain as well
            cites: [SRC]
            when:
              - check: "pain.nrs >= 9"
            then:
              - derive:
                  conclusion: careFailed
          - id: CHAIN-B-001
            title: Recommends a block once care failed
            cites: [SRC]
            when:
              - match: careFailed
                as: failed
            then:
              - recommend:
                  procedure: medial-branch-block
                  intent: diagnostic
                  strength: recommended
                  rationale: "Care failed after {failed.weeks} weeks."
        """;

    private static readonly Lazy<SpineDecisionEngine> ChainEngine = new(() => TestRules.Engine("chain.yaml", TestRules.Header("chain") + ChainRules));

    [TestCase(9, false)]
    [TestCase(10, true)]
    public void Evaluate_RuleMatchingADerivedConclusion_FiresOnlyWhenTheDerivingRuleHolds(double weeks, bool expectRecommended)
    {
        var patientCase = Case(weeks, nrs: 5);

        var report = ChainEngine.Value.Evaluate(patientCase);

        report.Recommendations.Any(r => r.Rule.RuleId == "CHAIN-B-001").Should().Be(expectRecommended);
    }

    [Test]
    public void Evaluate_RuleMatchingADerivedConclusion_ExplainsWhichRuleDerivedIt()
    {
        var patientCase = Case(12, nrs: 5);

        var report = ChainEngine.Value.Evaluate(patientCase);

        var recommendation = report.Recommendations.Should().ContainSingle().Subject;
        recommendation.Rationale.Should().Be("Care failed after 12 weeks.");
        var derived = recommendation.Explanation.Facts.Should().ContainSingle(f => f.Kind == "careFailed").Subject;
        derived.Description.Should().Be("weeks=12");
        derived.DerivedBy!.RuleId.Should().Be("CHAIN-A-001");
    }

    [Test]
    public void Evaluate_ConclusionDerivedByTwoRules_DoesNotFailAndRecommends()
    {
        var patientCase = Case(12, nrs: 9);

        var report = ChainEngine.Value.Evaluate(patientCase);

        report.Recommendations.Should().NotBeEmpty().And.OnlyContain(r => r.Rule.RuleId == "CHAIN-B-001");
        report.Recommendations.Select(r => r.Explanation.Facts.Single(f => f.Kind == "careFailed").DerivedBy!.RuleId)
            .Should().BeEquivalentTo("CHAIN-A-001", "CHAIN-A2-001");
    }

    [Test]
    public void Retract_SupportingFact_RetractsTheDerivedConclusionAndTheOutcome()
    {
        var (session, facts) = Fired(Case(12, nrs: 5));

        WithoutTherapy(session, facts);

        session.Query<DerivedFact>().Should().BeEmpty();
        session.Query<OutcomeFact>().Should().BeEmpty();
    }

    [Test]
    public void Update_SupportingFactNoLongerMatching_RetractsTheDerivedConclusionAndTheOutcome()
    {
        var (session, facts) = Fired(Case(12, nrs: 5));
        var caseFact = facts.OfType<CaseFact>().Single();
        caseFact.Value = caseFact.Value with { Pain = caseFact.Value.Pain with { DurationWeeks = 8 } };

        session.Update(caseFact);

        session.Query<DerivedFact>().Should().BeEmpty();
        session.Query<OutcomeFact>().Should().BeEmpty();
    }

    [Test]
    public void Fire_ChainedRules_InsertsTheDerivedConclusionAndTheOutcome()
    {
        var (session, _) = Fired(Case(12, nrs: 5));

        var derived = session.Query<DerivedFact>().ToList();
        var outcomes = session.Query<OutcomeFact>().ToList();

        derived.Should().ContainSingle().Which.Should().Match<DerivedFact>(d => d.ConclusionId == "careFailed" && d.RuleId == "CHAIN-A-001");
        outcomes.Should().ContainSingle().Which.Plan.Should().BeOfType<ActionPlan>().Which.Rule.Id.Should().Be("CHAIN-B-001");
    }

    [Test]
    public void Retract_OneOfTwoSupports_KeepsTheConclusionFromTheOther()
    {
        var (session, facts) = Fired(Case(12, nrs: 9));

        WithoutTherapy(session, facts);

        session.Query<DerivedFact>().Should().ContainSingle().Which.RuleId.Should().Be("CHAIN-A2-001");
        session.Query<OutcomeFact>().Should().ContainSingle().Which.Support.OfType<DerivedFact>().Single().RuleId.Should().Be("CHAIN-A2-001");
    }

    [Test]
    public void Update_UnchangedSupportingFact_RefiresWithoutLinkedFactAlreadyExists()
    {
        var (session, facts) = Fired(Case(12, nrs: 5));

        session.Update(facts.OfType<CaseFact>().Single());
        var fired = session.Fire();

        fired.Should().BeGreaterThan(0);
        session.Query<DerivedFact>().Should().ContainSingle();
        session.Query<OutcomeFact>().Should().ContainSingle();
    }

    private const string IntervalRules = """
        rules:
          - id: WAIT-001
            title: Defers a repeat block until 30 days after the prior one
            cites: [SRC]
            when:
              - match: procedure
                as: prior
                where: "procedure == medial-branch-block and daysSince(date) < 30"
            then:
              - withhold:
                  procedure: medial-branch-block
                  reason: frequency-limit
                  text: "Possible from {prior.date + 30}."
                  until: "{prior.date + 3 * 10}"
        """;

    private static readonly Lazy<SpineDecisionEngine> IntervalEngine = new(() => TestRules.Engine("interval.yaml", TestRules.Header("interval") + IntervalRules));

    [Test]
    public void Evaluate_TemplateAddingDaysToADate_RendersTheDateThatManyDaysLater()
    {
        var patientCase = Case(12, nrs: 5) with
        {
            PriorProcedures = [new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = new DateOnly(2026, 10, 20) }],
        };

        var report = IntervalEngine.Value.Evaluate(patientCase);

        var withheld = report.Withheld.Should().ContainSingle().Subject;
        withheld.Text.Should().Be("Possible from 2026-11-19.");
        withheld.Reassess.Should().Be("2026-11-19");
    }

    private static (ISession Session, List<object> Facts) Fired(PatientCase patientCase)
    {
        var compiled = ChainEngine.Value.Compiled;
        var facts = CaseFactBuilder.Build(patientCase, compiled.Rules.Vocabulary).All().ToList();
        var session = compiled.SessionFactory.CreateSession();
        session.InsertAll(facts);
        session.Fire();
        return (session, facts);
    }

    /// <summary>Withdraws the failed therapy from the case in the session. A condition over the case's own list is
    /// folded onto the case fact (<see cref="ListTest"/>), so the case fact is what changes: its lists are derived again
    /// and it is updated, and truth maintenance follows.</summary>
    private static void WithoutTherapy(ISession session, List<object> facts)
    {
        var caseFact = facts.OfType<CaseFact>().Single();
        caseFact.Value = caseFact.Value with { ConservativeCare = [] };
        CaseFactBuilder.Refresh(caseFact, ChainEngine.Value.Compiled.Rules.Vocabulary);
        session.Update(caseFact);
    }

    private static PatientCase Case(double weeks, double nrs) => new()
    {
        AssessmentDate = SampleCases.AssessmentDate,
        Pain = new PainInfo { Region = "lumbar", Pattern = "axial", DurationWeeks = weeks, Nrs = nrs },
        ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 8, Outcome = "failed" }],
        RedFlags = [],
    };
}
