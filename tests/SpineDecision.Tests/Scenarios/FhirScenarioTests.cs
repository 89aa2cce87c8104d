using SpineDecision.Cli.Inputs;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Reports;
using SpineDecision.Scenarios;
using SpineDecision.Tests.Cli;

namespace SpineDecision.Tests.Scenarios;

/// <summary>
/// Scenarios that give their case as a FHIR file (<c>givenFhir</c>): read through the runner's case source (the CLI's
/// FHIR reader here), a located failure without one, and every bad file a located failure.
/// </summary>
[TestFixture]
public sealed class FhirScenarioTests
{
    /// <summary>A patient with an active fever on the problem list (an infection red flag) and no other data.</summary>
    private const string FeverBundle = """
        {
          "resourceType": "Bundle", "type": "collection",
          "entry": [
            { "resource": { "resourceType": "Patient", "id": "p", "birthDate": "1970-05-01", "gender": "female" } },
            { "resource": { "resourceType": "Condition", "id": "fever",
                "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
                "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "R50.9" }] } } },
            { "resource": { "resourceType": "Condition", "id": "old-cancer",
                "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "entered-in-error" }] },
                "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "Z85.3" }] } } }
          ]
        }
        """;

    private static string ScenarioFile(string bundle, string expect = "{ alerts: [RF-INFECTION-001], disposition: urgent-evaluation }") => $"""
        scenarios:
          - id: F-1
            givenFhir:
              bundle: {bundle}
              assessmentDate: 2026-11-01
            expect: {expect}
        """;

    private static ScenarioResult RunIn(TempFolder folder, IScenarioCaseSource? source)
    {
        var diagnostics = new DiagnosticBag();
        var scenarios = ScenarioFileLoader.Load(ScenarioFileLoader.FilesIn(folder.Path), diagnostics);
        diagnostics.Items.Should().BeEmpty();
        return new ScenarioRunner(RuleBaseLoader.DefaultRuleFiles, source).Run(scenarios.Single());
    }

    private static IReadOnlyList<RuleDiagnostic> LoadErrors(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        ScenarioFileLoader.Load([new RuleSourceFile("t.scenarios.yaml", yaml)], diagnostics);
        return diagnostics.Items;
    }

    [Test]
    public void Run_BundleBesideTheScenarioFile_IsMappedAndEvaluated()
    {
        using var folder = new TempFolder();
        folder.Write("cases/fhir/fever.json", FeverBundle);
        folder.Write("cases/x.scenarios.yaml", ScenarioFile("fhir/fever.json",
            "{ alerts: [RF-INFECTION-001], disposition: urgent-evaluation, mapping: { mapped: [redFlags, patient.age], ignored: [Condition/old-cancer, EnteredInError], unknown: [medications] } }"));

        var result = RunIn(folder, FhirScenarioCases.Instance);

        result.Failures.Should().BeEmpty();
        result.Report!.Disposition.Should().Be(Dispositions.UrgentEvaluation);
        result.Fired.Should().Contain("RF-INFECTION-001");
    }

    [Test]
    public void Run_MappingExpectationsNotMet_FailOneLineEach()
    {
        using var folder = new TempFolder();
        folder.Write("fever.json", FeverBundle);
        folder.Write("x.scenarios.yaml", ScenarioFile("fever.json",
            "{ disposition: urgent-evaluation, mapping: { mapped: [pain.nrs], ignored: [Condition/fever], unknown: [redFlags] } }"));

        var result = RunIn(folder, FhirScenarioCases.Instance);

        result.Failures.Should().HaveCount(3);
        result.Failures[0].Should().Contain("expected the FHIR mapping to map 'pain.nrs'");
        result.Failures[1].Should().Contain("expected the FHIR mapping to ignore 'Condition/fever'").And.Contain("Condition/old-cancer (EnteredInError)");
        result.Failures[2].Should().Contain("expected 'redFlags' to stay unknown, but Condition/fever was mapped to it");
    }

    [Test]
    public void Run_NoCaseSource_FailsAtTheBundlePathSayingAFhirReaderIsNeeded()
    {
        using var folder = new TempFolder();
        folder.Write("fever.json", FeverBundle);
        var file = folder.Write("x.scenarios.yaml", ScenarioFile("fever.json"));

        var result = RunIn(folder, null);

        result.Passed.Should().BeFalse();
        result.Report.Should().BeNull();
        result.Failures.Should().ContainSingle().Which.Should()
            .StartWith($"{file.Replace('\\', '/')}(4,15): givenFhir 'fever.json': this runner cannot read FHIR")
            .And.Contain("needs a FHIR reader (SpineDecision.Fhir)");
    }

    [Test]
    public void Run_MissingFile_FailsAtTheBundlePathNamingTheFileLookedFor()
    {
        using var folder = new TempFolder();
        folder.Write("x.scenarios.yaml", ScenarioFile("fhir/absent.json"));

        var result = RunIn(folder, FhirScenarioCases.Instance);

        result.Failures.Should().ContainSingle().Which.Should()
            .Contain("x.scenarios.yaml(4,15): givenFhir 'fhir/absent.json': the file does not exist")
            .And.Contain("fhir/absent.json); the path is relative to the scenario file");
    }

    [Test]
    public void Run_MalformedJson_FailsAtTheBundlePathWithTheJsonError()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", "{ \"resourceType\": \"Bundle\", \"entry\": [ { \"resource\": ");
        folder.Write("x.scenarios.yaml", ScenarioFile("bad.json"));

        var result = RunIn(folder, FhirScenarioCases.Instance);

        result.Failures.Should().ContainSingle().Which.Should()
            .Contain("x.scenarios.yaml(4,15): givenFhir 'bad.json': the file cannot be mapped: $");
    }

    [Test]
    public void Run_JsonThatIsNotFhir_FailsAtTheBundlePath()
    {
        using var folder = new TempFolder();
        folder.Write("case.json", "{ \"assessmentDate\": \"2026-11-01\" }");
        folder.Write("x.scenarios.yaml", ScenarioFile("case.json"));

        var result = RunIn(folder, FhirScenarioCases.Instance);

        result.Failures.Should().ContainSingle().Which.Should().Contain("givenFhir 'case.json': the file cannot be mapped: $: not a FHIR resource");
    }

    [Test]
    public void Load_GivenAndGivenFhir_IsAnErrorAtGivenFhir()
    {
        var errors = LoadErrors("""
            scenarios:
              - id: F-1
                given: { assessmentDate: 2026-11-01 }
                givenFhir: { bundle: b.json, assessmentDate: 2026-11-01 }
                expect: { disposition: proceed }
            """);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d =>
            d.Code == DiagnosticCodes.InvalidValue && d.Location.Line == 4 && d.Message.Contains("'given' or under 'givenFhir', not both"));
    }

    [Test]
    public void Load_NeitherGivenNorGivenFhir_IsAMissingKeyNamingBoth()
    {
        var errors = LoadErrors("""
            scenarios:
              - id: F-1
                expect: { disposition: proceed }
            """);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d =>
            d.Code == DiagnosticCodes.MissingKey && d.Message.Contains("'given'") && d.Message.Contains("'givenFhir'"));
    }

    [TestCase("{ bundle: b.json }", "'assessmentDate'")]
    [TestCase("{ assessmentDate: 2026-11-01 }", "'bundle'")]
    public void Load_GivenFhirWithoutBundleOrDate_IsAMissingKey(string givenFhir, string missing)
    {
        var errors = LoadErrors($"""
            scenarios:
              - id: F-1
                givenFhir: {givenFhir}
                expect: {"{"} disposition: proceed {"}"}
            """);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d => d.Code == DiagnosticCodes.MissingKey && d.Message.Contains(missing));
    }

    [TestCase("/tmp/b.json")]
    [TestCase("fhir\\\\b.json")]
    public void Load_BundlePathNotRelativeWithSlashes_IsAnErrorAtThePath(string bundle)
    {
        var errors = LoadErrors($"""
            scenarios:
              - id: F-1
                givenFhir: {"{"} bundle: "{bundle}", assessmentDate: 2026-11-01 {"}"}
                expect: {"{"} disposition: proceed {"}"}
            """);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d =>
            d.Code == DiagnosticCodes.InvalidValue && d.Location.Line == 3 && d.Message.Contains("relative to the scenario file"));
    }

    [Test]
    public void Load_MappingExpectationsWithAYamlCase_IsAnError()
    {
        var errors = LoadErrors("""
            scenarios:
              - id: F-1
                given: { assessmentDate: 2026-11-01 }
                expect: { mapping: { mapped: [pain.nrs] } }
            """);

        errors.Should().ContainSingle().Which.Message.Should().Contain("'expect.mapping'").And.Contain("'givenFhir'");
    }

    [Test]
    public void Load_BundlePath_ResolvesAgainstTheScenarioFilesFolder()
    {
        var diagnostics = new DiagnosticBag();

        var scenario = ScenarioFileLoader.Load([new RuleSourceFile("rules/epidural/x.scenarios.yaml", ScenarioFile("fhir/b.json"))], diagnostics).Single();

        scenario.GivenFhir!.Path.Should().Be("rules/epidural/fhir/b.json");
        scenario.GivenFhir.AssessmentDate.Should().Be(new DateOnly(2026, 11, 1));
    }
}
