using System.Collections.Immutable;
using SpineDecision.Reports;
using SpineDecision.Scenarios;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Scenarios;

/// <summary>The report v2 expectations a scenario can write: disposition, request disposition, precautions, why-not.</summary>
[TestFixture]
public sealed class ScenarioRunnerTests
{
    private static ScenarioExpectations Expect(string? disposition = null, string? requestDisposition = null, params string[] precautions) =>
        new([], [], [], [], [], null, [], [], [], disposition, requestDisposition, [.. precautions]);

    [Test]
    public void Compare_DispositionDiffers_ReportsAFailureNamingBoth()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(3));

        var failures = ScenarioRunner.Compare(Expect(disposition: Dispositions.Proceed), report, ImmutableHashSet<string>.Empty);

        failures.Should().ContainSingle().Which.Should().Contain("'proceed'").And.Contain("'not-indicated'");
    }

    [Test]
    public void Compare_RequestDispositionWithoutARequest_ReportsAFailure()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.FacetRfa());

        var failures = ScenarioRunner.Compare(Expect(requestDisposition: Dispositions.Proceed), report, ImmutableHashSet<string>.Empty);

        failures.Should().ContainSingle().Which.Should().Contain("(no request)");
    }

    [Test]
    public void Compare_PrecautionBySeverityCodeOrRule_PassesWhenPresentAndFailsWhenAbsent()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(8) with { Medications = [new SpineDecision.Cases.Medication { Name = "warfarin", Class = "anticoagulant" }] });

        var present = ScenarioRunner.Compare(Expect(null, null, "must-address", "management-plan-required", "CI-ANTICOAG-001"), report, ImmutableHashSet<string>.Empty);
        var absent = ScenarioRunner.Compare(Expect(null, null, "advisory"), report, ImmutableHashSet<string>.Empty);

        present.Should().BeEmpty();
        absent.Should().ContainSingle().Which.Should().Contain("expected precaution 'advisory'");
    }

    private static ScenarioExpectations ExpectWhyNot(string procedure, params string[] names) =>
        new([], [], [], [], [], null, [], [], [], WhyNot: [(procedure, [.. names])]);

    [Test]
    public void Compare_WhyNotNamingTheUnmetParameterAndField_Passes()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(3), new EvaluationOptions { Explain = true });

        var failures = ScenarioRunner.Compare(ExpectWhyNot("epidural-steroid-injection", "esiMinPainWeeks", "pain.durationWeeks"), report, ImmutableHashSet<string>.Empty);

        failures.Should().BeEmpty();
    }

    [Test]
    public void Compare_WhyNotNamingAParameterNoUnmetCriterionReads_ReportsWhatItNames()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(3), new EvaluationOptions { Explain = true });

        var failures = ScenarioRunner.Compare(ExpectWhyNot("epidural-steroid-injection", "esiMaxSessionsPer12Months"), report, ImmutableHashSet<string>.Empty);

        failures.Should().ContainSingle().Which.Should().Contain("'esiMaxSessionsPer12Months'").And.Contain("pain.durationWeeks = 3 weeks");
    }

    [Test]
    public void Compare_WhyNotForARecommendedProcedure_ReportsTheMissingWhyNot()
    {
        var report = SharedEngines.Default.Evaluate(SampleCases.Esi(8), new EvaluationOptions { Explain = true });

        var failures = ScenarioRunner.Compare(ExpectWhyNot("epidural-steroid-injection"), report, ImmutableHashSet<string>.Empty);

        failures.Should().ContainSingle().Which.Should().Contain("expected a why-not for 'epidural-steroid-injection'");
    }
}
