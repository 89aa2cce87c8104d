using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>Report v2 on the default rules: dispositions (top, per pathway, for a request), structured precautions
/// and temporary withholds.</summary>
[TestFixture]
public sealed class DispositionTests
{
    private const string Esi = "epidural-steroid-injection";

    [Test]
    public void Evaluate_PregnantPatientMeetingEsiCriteria_DefersEsiWithReassessCondition()
    {
        var patientCase = SampleCases.Esi(8) with { Patient = new PatientInfo { Age = 32, Sex = "female", Pregnant = true } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.Defer);
        report.Recommendations.Should().NotContain(r => r.Procedure.Id == Esi);
        report.Withheld.Should().Contain(w => w.Rule.RuleId == "CI-PREGNANCY-002" && w.Temporary && w.Reassess!.Contains("after delivery"));
    }

    [Test]
    public void Evaluate_PregnantPatientMeetingEsiCriteria_KeepsThePregnancyPrecaution()
    {
        var patientCase = SampleCases.Esi(8) with { Patient = new PatientInfo { Age = 32, Sex = "female", Pregnant = true } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Precautions.Should().Contain(p => p.Rule.RuleId == "CI-PREGNANCY-001" && p.Severity == PrecautionSeverities.MustAddress);
    }

    [Test]
    public void Evaluate_ThreeWeeksOfPain_IsNotIndicated()
    {
        var patientCase = SampleCases.Esi(3);

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.NotIndicated);
        report.Pathways.Should().ContainSingle(p => p.Pathway == "epidural").Which.Disposition.Should().Be(Dispositions.NotIndicated);
    }

    [Test]
    public void Evaluate_CervicalEsiWithOnlyTheTechniqueNote_ProceedsWithAnAdvisoryPrecaution()
    {
        var patientCase = SampleCases.Esi(8) with { Pain = SampleCases.Esi(8).Pain! with { Region = "cervical" } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.Proceed);
        var esi = report.Recommendations.Should().ContainSingle(r => r.Procedure.Id == Esi).Which;
        esi.Strength.Should().Be("recommended");
        esi.Precautions.Should().ContainSingle().Which.Severity.Should().Be(PrecautionSeverities.Advisory);
    }

    [Test]
    public void Evaluate_AnticoagulantWithRecommendedEsi_IsConditionalOnTheManagementPlan()
    {
        var patientCase = SampleCases.Esi(8) with { Medications = [new Medication { Name = "apixaban", Class = "anticoagulant" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.Conditional);
        report.Recommendations.Should().ContainSingle(r => r.Procedure.Id == Esi).Which.Strength.Should().Be(Dispositions.Conditional);
        report.Reasons.Should().Contain(r => r.Kind == "precaution" && r.Rule!.RuleId == "CI-ANTICOAG-001");
    }

    [Test]
    public void Evaluate_PrecautionForAProcedureNobodyRecommends_IsStillReported()
    {
        var patientCase = SampleCases.Esi(3) with { Medications = [new Medication { Name = "apixaban", Class = "anticoagulant" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Recommendations.Should().BeEmpty();
        report.Precautions.Should().Contain(p => p.Code == "management-plan-required" && p.Rule.RuleId == "CI-ANTICOAG-001");
    }

    [Test]
    public void Evaluate_ActiveInfectionWithEsiCriteriaMet_DefersUntilTreated()
    {
        var patientCase = SampleCases.Esi(8) with { Comorbidities = [new Comorbidity { Condition = "active-systemic-infection" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.Defer);
        report.Withheld.Should().Contain(w => w.Rule.RuleId == "CI-INFECTION-001" && w.Reassess == "after the infection has been treated");
    }

    [Test]
    public void Evaluate_UnexplainedRedFlag_IsUrgentEvaluationEverywhere()
    {
        var patientCase = SampleCases.Esi(8) with { RedFlags = [new RedFlagFinding { Flag = "saddle-anaesthesia" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.UrgentEvaluation);
        report.Pathways.Should().OnlyContain(p => p.Disposition == Dispositions.UrgentEvaluation);
    }

    [Test]
    public void Evaluate_NotAxialCaseRequestingFacetRfa_AnswersTheRequestNotIndicated()
    {
        var patientCase = SampleCases.Esi(8);

        var report = SharedEngines.Default.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "facet-rfa" });

        report.Request.Should().NotBeNull();
        report.Request!.Procedure.Id.Should().Be("facet-rfa");
        report.Request.Disposition.Should().Be(Dispositions.NotIndicated);
        report.Request.Reasons.Should().Contain(r => r.Kind == "withheld" && r.Rule!.RuleId == "FACET-RADIC-001");
    }

    [Test]
    public void Evaluate_RequestByCptCode_ResolvesTheProcedure()
    {
        var patientCase = SampleCases.FacetRfa();

        var report = SharedEngines.Default.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "CPT:64635" });

        report.Request!.Procedure.Id.Should().Be("facet-rfa");
        report.Request.Disposition.Should().Be(Dispositions.Proceed);
    }

    [Test]
    public void Evaluate_RequestBySharedCodeWithTheIndicatedReading_AnswersForThatReading()
    {
        var patientCase = SampleCases.FacetRfaWithBlocks();

        var report = SharedEngines.Default.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "CPT:64493" });

        report.Request.Should().NotBeNull();
        report.Request!.Procedure.Id.Should().Be("medial-branch-block");
        report.Request.Disposition.Should().Be(Dispositions.Proceed);
    }

    [Test]
    public void Evaluate_ReferralBySharedCodeForNoIndicatedReading_AnswersNotIndicated()
    {
        var patientCase = SampleCases.Esi(8) with { Referral = new ReferralInfo { Question = "treatment", RequestedProcedure = "CPT:64493" } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Request.Should().NotBeNull();
        report.Request!.Disposition.Should().Be(Dispositions.NotIndicated);
    }

    [Test]
    public void Evaluate_UnknownRequestedProcedure_ThrowsInvalidCaseNamingIt()
    {
        var patientCase = SampleCases.Esi(8);

        var act = () => SharedEngines.Default.Evaluate(patientCase, new EvaluationOptions { RequestedProcedure = "facet-rf" });

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle(p => p.Path == "requestedProcedure");
    }

    [Test]
    public void Evaluate_QuestionAboutAnExcludedProcedure_IsListedButNotDecisive()
    {
        var unknownRelief = SampleCases.PriorEsi(300) with { ReliefPercent = null };
        var patientCase = SampleCases.Esi(8, SampleCases.PriorEsi(30), unknownRelief) with { Allergies = [new Allergy { Substance = "corticosteroid" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.NotIndicated, "a corticosteroid allergy excludes the ESI whatever the answer");
        report.InformationNeeded.Should().Contain(i => i.Datum == "procedure.reliefPercent" && !i.Decisive);
    }

    [Test]
    public void Evaluate_GatingQuestionForAConsideredPathway_MakesItInformationNeeded()
    {
        var patientCase = SampleCases.Esi(8) with { Exam = new ExamInfo { Findings = [new ExamFinding { Test = "straight-leg-raise", Result = "positive" }] } };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.InformationNeeded);
        report.InformationNeeded.Should().Contain(i => i.Datum == "exam.imagingConcordant" && i.Decisive);
    }

    [Test]
    public void Evaluate_SafetyQuestionWhenNothingIsRecommended_IsNotDecisive()
    {
        var patientCase = SampleCases.Esi(3) with { Medications = null };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.NotIndicated);
        report.InformationNeeded.Should().Contain(i => i.Datum == "medication" && !i.Decisive);
    }

    [Test]
    public void ToJson_Report_StartsWithReportFormat2AndTheDisposition()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfa());

        var json = report.ToJson();

        json.Should().StartWith("{\n  \"reportFormat\": 2,".ReplaceLineEndings(Environment.NewLine));
        json.Should().Contain("\"disposition\": \"proceed\"");
    }
}
