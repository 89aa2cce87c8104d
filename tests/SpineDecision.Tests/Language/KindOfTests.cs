using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Reports;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Language;

/// <summary>
/// The vocabulary's "kind of" relation between concepts (<c>kindOf</c>): checked at load (unknown parent, cycle), and
/// everything that names the parent applies to the kind: comparisons, withholds, cautions, questions and requests.
/// </summary>
[TestFixture]
public sealed class KindOfTests
{
    /// <summary>A rule set that recommends the repeat for any lumbar pain, and withholds, cautions or asks about RFA
    /// (the parent) on demand, so each derivation can be seen alone.</summary>
    private const string Rules = """
        rules:
          - id: T-REPEAT-001
            title: Repeat RFA for lumbar pain
            cites: [SRC]
            when:
              - check: "pain.region == lumbar"
            then:
              - recommend:
                  procedure: facet-rfa-repeat
                  intent: therapeutic
                  strength: recommended
                  rationale: Lumbar pain.
          - id: T-WITHHOLD-001
            title: No RFA after an RFA this year
            cites: [SRC]
            when:
              - exists: procedure
                where: "procedure == facet-rfa"
                within: 12 months
            then:
              - withhold:
                  procedure: facet-rfa
                  reason: frequency-limit
                  text: An RF session in the last 12 months.
          - id: T-REPEAT-SEEN-001
            title: A prior repeat is seen as a repeat
            cites: [SRC]
            when:
              - exists: procedure
                where: "procedure == facet-rfa-repeat"
            then:
              - alert:
                  category: safety
                  severity: warning
                  text: A prior repeat RFA.
          - id: T-CAUTION-001
            title: RFA with a documented pacemaker
            cites: [SRC]
            when:
              - exists: comorbidity
                where: "condition == pacemaker"
            then:
              - caution:
                  procedure: facet-rfa
                  reason: documentation-required
                  severity: must-address
                  text: Plan the cardiac device.
        """;

    private static readonly Lazy<SpineDecisionEngine> Engine = new(() => TestRules.Engine("kinds.yaml", TestRules.Header("kinds") + Rules));

    /// <summary>The load errors located in an extra vocabulary file loaded beside the shipped one.</summary>
    private static List<RuleDiagnostic> ExtraVocabularyErrors(string yaml)
    {
        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, new RuleSourceFile("extra.yaml", yaml)]);
        return [.. act.Should().Throw<RuleLoadException>().Which.Diagnostics.Where(d => d.Location.File == "extra.yaml")];
    }

    private static PatientCase Case(params PriorProcedure[] prior) => SampleCases.FacetRfaWithBlocks(prior);

    [Test]
    public void LoadAndCheck_KindOfAnUnknownConcept_ReportsItWhereKindOfIsWritten()
    {
        var errors = ExtraVocabularyErrors("vocabulary:\n  - set: procedure\n    concepts:\n      - { id: x, display: X, kindOf: facet-rfaa }\n");

        var error = errors.Should().ContainSingle().Subject;
        (error.Code, error.Location).Should().Be(("SD0203", new SourceLocation("extra.yaml", 4, 38)));
        error.Message.Should().StartWith("concept 'x' is a kind of 'facet-rfaa', which is not a concept of the 'procedure' set (did you mean 'facet-rfa'?)");
    }

    [Test]
    public void LoadAndCheck_KindOfAConceptOfAnotherSet_IsAnUnknownParent()
    {
        var errors = ExtraVocabularyErrors("vocabulary:\n  - set: procedure\n    concepts:\n      - { id: x, display: X, kindOf: lumbar }\n");

        errors.Should().ContainSingle().Which.Code.Should().Be("SD0203");
    }

    [Test]
    public void LoadAndCheck_KindOfCycle_ReportsEachConceptOnTheCycleAtItsKindOf()
    {
        var errors = ExtraVocabularyErrors(
            "vocabulary:\n  - set: procedure\n    concepts:\n      - { id: x, display: X, kindOf: y }\n      - { id: y, display: Y, kindOf: x }\n      - { id: z, display: Z, kindOf: x }\n");

        errors.Select(e => (e.Code, e.Location.Line)).Should().BeEquivalentTo([("SD0218", 4), ("SD0218", 5)], "z hangs off the cycle but is not on it");
        errors[0].Message.Should().Be("concept 'x' is a kind of itself through 'kindOf': x -> y -> x; a kind relation may not loop");
    }

    [Test]
    public void LoadAndCheck_KindOfItself_IsACycle()
    {
        var errors = ExtraVocabularyErrors("vocabulary:\n  - set: procedure\n    concepts:\n      - { id: x, display: X, kindOf: x }\n");

        errors.Should().ContainSingle().Which.Code.Should().Be("SD0218");
    }

    [Test]
    public void ShippedVocabulary_RepeatRfa_InheritsGroupsAndCodesThatDoNotIdentifyIt()
    {
        var procedures = SharedEngines.Default.Vocabulary.Sets.Single(s => s.Id == "procedure");

        var repeat = procedures.Concepts.Single(c => c.Id == "facet-rfa-repeat");

        repeat.KindOf.Should().Be("facet-rfa");
        repeat.Groups.Should().BeEquivalentTo(["facet", "fluoroscopic"]);
        repeat.Codes.Select(c => (c.Code, c.Identifies)).Should().BeEquivalentTo([("64633", false), ("64634", false), ("64635", false), ("64636", false)]);
    }

    [Test]
    public void Evaluate_PriorProcedureCodedCpt64635_CountsAsAnRfaNotARepeat()
    {
        var patientCase = Case(new PriorProcedure { Procedure = "CPT:64635", Region = "lumbar", Date = new DateOnly(2026, 5, 1) });

        var report = Engine.Value.Evaluate(patientCase);

        report.Withheld.Should().Contain(w => w.Rule.RuleId == "T-WITHHOLD-001");
        report.Alerts.Should().NotContain(a => a.Rule.RuleId == "T-REPEAT-SEEN-001", "the code alone does not say it was a repeat");
    }

    [Test]
    public void Evaluate_PriorRepeatAndARuleNamingTheParent_TheParentMatchesTheKind()
    {
        var patientCase = Case(new PriorProcedure { Procedure = "facet-rfa-repeat", Region = "lumbar", Date = new DateOnly(2026, 5, 1) });

        var report = Engine.Value.Evaluate(patientCase);

        report.Alerts.Should().Contain(a => a.Rule.RuleId == "T-REPEAT-SEEN-001");
        report.Withheld.Should().ContainSingle(w => w.Rule.RuleId == "T-WITHHOLD-001")
            .Which.Overrides.Select(r => r.Procedure.Id).Should().Equal("facet-rfa-repeat");
    }

    [Test]
    public void Evaluate_PriorFirstRfaAndARuleNamingTheKind_TheKindDoesNotMatchTheParent()
    {
        var patientCase = Case(new PriorProcedure { Procedure = "facet-rfa", Region = "lumbar", Date = new DateOnly(2025, 5, 1) });

        var report = Engine.Value.Evaluate(patientCase);

        report.Alerts.Should().NotContain(a => a.Rule.RuleId == "T-REPEAT-SEEN-001");
        report.Recommendations.Should().ContainSingle().Which.Procedure.Id.Should().Be("facet-rfa-repeat");
    }

    [Test]
    public void Evaluate_CautionNamingTheParent_MakesTheKindConditional()
    {
        var patientCase = Case() with { Comorbidities = [new Comorbidity { Condition = "pacemaker" }] };

        var report = Engine.Value.Evaluate(patientCase);

        var recommendation = report.Recommendations.Should().ContainSingle().Subject;
        recommendation.Strength.Should().Be(Dispositions.Conditional);
        recommendation.Precautions.Should().ContainSingle(p => p.Rule.RuleId == "T-CAUTION-001");
    }

    [Test]
    public void Evaluate_RequestForTheParent_IsAnsweredByTheKindThatIsRecommended()
    {
        var report = Engine.Value.Evaluate(Case(), new EvaluationOptions { RequestedProcedure = "facet-rfa" });

        report.Request!.Disposition.Should().Be(Dispositions.Proceed);
        report.Request.Procedure.Id.Should().Be("facet-rfa-repeat");
        report.Request.Procedure.KindOf.Should().Be("facet-rfa");
    }

    [Test]
    public void Evaluate_RequestForTheParentWithTheKindWithheld_AnswersWithTheWithhold()
    {
        var patientCase = Case(new PriorProcedure { Procedure = "facet-rfa", Region = "lumbar", Date = new DateOnly(2026, 5, 1) });

        var report = Engine.Value.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "facet-rfa" });

        report.Request!.Disposition.Should().Be(Dispositions.NotIndicated);
        report.Request.Reasons.Should().Contain(r => r.Rule!.RuleId == "T-WITHHOLD-001");
    }

    [Test]
    public void Evaluate_RedFlag_WithholdsTheKindToo()
    {
        var patientCase = Case() with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia" }] };

        var report = Engine.Value.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "facet-rfa" });

        report.Recommendations.Should().BeEmpty();
        report.Request!.Disposition.Should().Be(Dispositions.UrgentEvaluation);
    }
}
