using System.Text.Json.Nodes;
using SpineDecision.Cases;
using SpineDecision.Tests.Cli;
using SpineDecision.Tests.Engine;
using SpineDecision.Tests.Scenarios;

namespace SpineDecision.Tests.Schema;

/// <summary>Every report the scenario suite and the sample cases produce validates against rules/schema/report.schema.json.</summary>
[TestFixture]
public sealed class ReportSchemaTests
{
    public static IEnumerable<TestCaseData> Scenarios() =>
        ShippedScenarioTests.Loaded.Value.Scenarios.Select(s => new TestCaseData(s.Id).SetName($"ScenarioReport_ValidatesAgainstTheReportSchema({s.Id})"));

    public static IEnumerable<TestCaseData> SampleCases() =>
        Directory.EnumerateFiles(Path.Combine(CliRunner.RepositoryRoot, "samples", "cases"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"SampleReport_ValidatesAgainstTheReportSchema({Path.GetFileName(f)})"));

    [TestCaseSource(nameof(Scenarios))]
    public void ScenarioReport_ValidatesAgainstTheReportSchema(string id)
    {
        var scenario = ShippedScenarioTests.Loaded.Value.Scenarios.Single(s => s.Id == id);
        var report = ShippedScenarioTests.Runner.Value.Run(scenario).Report!;

        var errors = Schemas.Errors("report", JsonNode.Parse(report.ToJson()));

        errors.Should().BeEmpty();
    }

    [TestCaseSource(nameof(SampleCases))]
    public void SampleReport_ValidatesAgainstTheReportSchema(string file)
    {
        var patientCase = PatientCaseReader.ReadFile(Path.Combine(CliRunner.RepositoryRoot, "samples", "cases", file));
        var report = SharedEngines.Default.Evaluate(patientCase, new EvaluationOptions { Explain = true, RequestedProcedure = "facet-rfa" });

        var errors = Schemas.Errors("report", JsonNode.Parse(report.ToJson()));

        errors.Should().BeEmpty();
    }

    [Test]
    public void Report_WithAnUnknownField_IsRejected()
    {
        var json = JsonNode.Parse(SharedEngines.Default.Evaluate(Engine.SampleCases.FacetRfa()).ToJson())!.AsObject();
        json["verdict"] = "yes";

        var errors = Schemas.Errors("report", json);

        errors.Should().NotBeEmpty("the report schema is closed");
    }

    [Test]
    public void Report_WithADispositionOutsideTheSixValues_IsRejected()
    {
        var json = JsonNode.Parse(SharedEngines.Default.Evaluate(Engine.SampleCases.FacetRfa()).ToJson())!.AsObject();
        json["disposition"] = "maybe";

        var errors = Schemas.Errors("report", json);

        errors.Should().NotBeEmpty();
    }
}
