using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>A request by a code billed for several procedures (CPT 64493: a medial branch block or a facet joint
/// injection) is answered for the reading the rules support best, in the precedence a pathway uses
/// (urgent evaluation, proceed, conditional, defer, information needed, not indicated).</summary>
[TestFixture]
public sealed class SharedCodeRequestTests
{
    private const string Rules = """
        rules:
          - id: REC-MBB-001
            title: Recommends a diagnostic block for lumbar pain
            cites: [SRC]
            when:
              - check: "pain.region == lumbar"
            then:
              - recommend:
                  procedure: medial-branch-block
                  intent: diagnostic
                  strength: recommended
                  rationale: Lumbar pain.
          - id: REC-FIJ-001
            title: Recommends a facet joint injection when imaging shows facet arthropathy
            cites: [SRC]
            when:
              - check: "pain.region == lumbar"
              - exists: imaging
                where: "finding == facet-arthropathy"
            then:
              - recommend:
                  procedure: facet-intra-articular-injection
                  intent: therapeutic
                  strength: recommended
                  rationale: Facet arthropathy on imaging.
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
                  until: "{prior.date + 30}"
          - id: ASK-001
            title: Asks for the imaging a facet joint injection needs
            cites: [SRC]
            when:
              - check: "pain.region == lumbar"
            then:
              - ask:
                  datum: imaging
                  why: "A facet joint injection needs imaging of the region."
                  unlocks: [facet-intra-articular-injection]
        """;

    private static readonly Lazy<SpineDecisionEngine> Engine = new(() => TestRules.Engine("shared.yaml", TestRules.Header("shared") + Rules));

    [Test]
    public void Evaluate_SharedCodeWithOneReadingDeferredAndOneAwaitingData_AnswersDefer()
    {
        var patientCase = Case(priorBlockDaysAgo: 10);

        var report = Engine.Value.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "CPT:64493" });

        report.Request.Should().NotBeNull();
        report.Request!.Procedure.Id.Should().Be("medial-branch-block");
        report.Request.Disposition.Should().Be(Dispositions.Defer, "a pathway ranks 'defer' before 'information needed', and a code's readings are ranked the same way");
    }

    [Test]
    public void Evaluate_SharedCodeWithTheDeferralOver_AnswersProceedForThatReading()
    {
        var patientCase = Case(priorBlockDaysAgo: 30);

        var report = Engine.Value.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "CPT:64493" });

        report.Request.Should().NotBeNull();
        report.Request!.Procedure.Id.Should().Be("medial-branch-block");
        report.Request.Disposition.Should().Be(Dispositions.Proceed);
    }

    [Test]
    public void Evaluate_RequestForTheReadingAwaitingData_AnswersInformationNeeded()
    {
        var patientCase = Case(priorBlockDaysAgo: 10);

        var report = Engine.Value.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "facet-intra-articular-injection" });

        report.Request.Should().NotBeNull();
        report.Request!.Disposition.Should().Be(Dispositions.InformationNeeded, "the question about imaging gates the injection's only recommending rule");
    }

    private static PatientCase Case(int priorBlockDaysAgo) => new()
    {
        AssessmentDate = SampleCases.AssessmentDate,
        Pain = new PainInfo { Region = "lumbar", Pattern = "axial", DurationWeeks = 12, Nrs = 6 },
        ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 8, Outcome = "failed" }],
        RedFlags = [],
        PriorProcedures = [new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = SampleCases.AssessmentDate.AddDays(-priorBlockDaysAgo), ReliefPercent = 85 }],
    };
}
