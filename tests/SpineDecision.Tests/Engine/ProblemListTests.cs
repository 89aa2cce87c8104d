using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision.Tests.Engine;

/// <summary>Comorbidities, allergies and pregnancy coded on the problem list (diagnoses) are read where the rules look
/// for them, and a cancer history is explained by a staged spinal malignancy under treatment (issue 10).</summary>
[TestFixture]
public sealed class ProblemListTests
{
    private const string Esi = "epidural-steroid-injection";

    private static PatientCase EsiWith(params Diagnosis[] extra) =>
        SampleCases.Esi(8) with { Diagnoses = [.. SampleCases.Esi(8).Diagnoses!, .. extra] };

    [Test]
    public void Evaluate_PoorlyControlledDiabetesCodedOnTheProblemList_MakesTheEsiConditional()
    {
        var report = SharedEngines.Default.Evaluate(EsiWith(new Diagnosis { Code = "ICD10CM:E11.65" }));

        report.Recommendations.Should().ContainSingle(r => r.Procedure.Id == Esi).Which.Strength.Should().Be(Dispositions.Conditional);
        report.Precautions.Should().Contain(p => p.Rule.RuleId == "CI-DIABETES-001").And.Contain(p => p.Rule.RuleId == "CI-DIABETES-002");
    }

    [Test]
    public void Evaluate_DiabetesWithoutComplicationsOnTheProblemList_RaisesNoDiabetesPrecaution()
    {
        var report = SharedEngines.Default.Evaluate(EsiWith(new Diagnosis { Code = "ICD10CM:E11.9" }));

        report.Precautions.Should().NotContain(p => p.Rule.RuleId.StartsWith("CI-DIABETES", StringComparison.Ordinal));
    }

    [Test]
    public void Evaluate_PregnancyCodedOnTheProblemList_DefersTheEsi()
    {
        var report = SharedEngines.Default.Evaluate(EsiWith(new Diagnosis { Code = "ICD10CM:Z3A.22" }));

        report.Disposition.Should().Be(Dispositions.Defer);
    }

    [Test]
    public void Evaluate_HistoricalPregnancyOnTheProblemList_IsNotReadAsPregnant()
    {
        var report = SharedEngines.Default.Evaluate(EsiWith(new Diagnosis { Code = "ICD10CM:Z33.1", Status = "historical" }));

        report.Disposition.Should().Be(Dispositions.Proceed);
    }

    [Test]
    public void Evaluate_ContrastAllergyCodedOnTheProblemList_RaisesTheContrastPlan()
    {
        var report = SharedEngines.Default.Evaluate(EsiWith(new Diagnosis { Code = "ICD10CM:Z91.041" }));

        report.Precautions.Should().Contain(p => p.Rule.RuleId == "CI-CONTRAST-ALLERGY-001");
    }

    [Test]
    public void Evaluate_CancerHistoryWithStagedMyelomaOnTreatment_IsNotARedFlag()
    {
        var patientCase = EsiWith(new Diagnosis { Code = "ICD10CM:C90.00", Staged = true, OnTreatment = true }) with { RedFlags = [new RedFlagFinding { Flag = "history-of-cancer" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Alerts.Should().NotContain(a => a.Category == "red-flag");
    }

    [TestCase(null, true)]
    [TestCase(true, null)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public void Evaluate_CancerHistoryWithMyelomaNotBothStagedAndOnTreatment_StaysARedFlag(bool? staged, bool? onTreatment)
    {
        var patientCase = EsiWith(new Diagnosis { Code = "ICD10CM:C90.00", Staged = staged, OnTreatment = onTreatment }) with { RedFlags = [new RedFlagFinding { Flag = "history-of-cancer" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.UrgentEvaluation);
    }

    [Test]
    public void Evaluate_CancerHistoryWithAStagedTreatedCancerThatIsNotSpinal_StaysARedFlag()
    {
        var patientCase = EsiWith(new Diagnosis { Code = "ICD10CM:Z85.3", Staged = true, OnTreatment = true }) with { RedFlags = [new RedFlagFinding { Flag = "history-of-cancer" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Disposition.Should().Be(Dispositions.UrgentEvaluation);
    }
}
