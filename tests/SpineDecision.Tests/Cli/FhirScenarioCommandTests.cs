using SpineDecision.Cli;

namespace SpineDecision.Tests.Cli;

/// <summary><c>spine-rules test</c>, <c>coverage</c> and <c>validate</c> on an informaticist's own folder whose
/// scenarios give their case as a FHIR file (<c>givenFhir</c>).</summary>
[TestFixture]
public sealed class FhirScenarioCommandTests
{
    private const string FeverBundle = """
        { "resourceType": "Bundle", "type": "collection", "entry": [
          { "resource": { "resourceType": "Condition", "id": "fever",
              "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
              "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "R50.9" }] } } } ] }
        """;

    private static string Scenario(string bundle) => $"""
        scenarios:
          - id: OWN-FHIR-1
            givenFhir:
              bundle: {bundle}
              assessmentDate: 2026-11-01
            expect:
              alerts: [RF-INFECTION-001]
              disposition: urgent-evaluation
              mapping: {"{"} mapped: [redFlags] {"}"}
        """;

    [Test]
    public void Test_OwnFolderWithAFhirScenario_RunsItAndPasses()
    {
        using var folder = new TempFolder();
        folder.Write("fhir/fever.json", FeverBundle);
        folder.Write("own.scenarios.yaml", Scenario("fhir/fever.json"));

        var result = CliRunner.Run("test", folder.Path);

        result.LastLine.Should().Be("1 passed, 0 failed");
        result.ExitCode.Should().Be(ExitCodes.Success);
    }

    [Test]
    public void Test_OwnFolderWithAMalformedBundle_FailsAtTheBundlePathWithoutAStackTrace()
    {
        using var folder = new TempFolder();
        folder.Write("fhir/fever.json", "{ \"resourceType\": \"Bundle\", ");
        folder.Write("own.scenarios.yaml", Scenario("fhir/fever.json"));

        var result = CliRunner.Run("test", folder.Path);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("FAIL OWN-FHIR-1 at ").And.Contain("own.scenarios.yaml(4,15): givenFhir 'fhir/fever.json': the file cannot be mapped");
        result.LastLine.Should().Be("0 passed, 1 failed");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Coverage_OwnFolderWithAFhirScenario_CountsTheRulesItFires()
    {
        using var folder = new TempFolder();
        folder.Write("fhir/fever.json", FeverBundle);
        folder.Write("own.scenarios.yaml", Scenario("fhir/fever.json"));

        var result = CliRunner.Run("coverage", folder.Path);

        result.Out.Should().Contain("Rules fired by the 1 scenarios:");
        result.Lines.Should().Contain(l => l.TrimStart().StartsWith("RF-INFECTION-001 ", StringComparison.Ordinal) && l.EndsWith("OWN-FHIR-1", StringComparison.Ordinal));
    }

    [Test]
    public void Validate_MissingBundle_IsAnSD0301AtTheBundlePath()
    {
        using var folder = new TempFolder();
        folder.Write("own.scenarios.yaml", Scenario("fhir/absent.json"));

        var result = CliRunner.Run("validate", folder.Path);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("own.scenarios.yaml(4,15): error SD0301: scenario 'OWN-FHIR-1': givenFhir 'fhir/absent.json': the file does not exist");
    }

    [Test]
    public void Validate_BundleThatMaps_HasNoErrors()
    {
        using var folder = new TempFolder();
        folder.Write("fhir/fever.json", FeverBundle);
        folder.Write("own.scenarios.yaml", Scenario("fhir/fever.json"));

        var result = CliRunner.Run("validate", folder.Path);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
    }
}
