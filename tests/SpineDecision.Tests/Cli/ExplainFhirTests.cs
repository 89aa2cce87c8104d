using SpineDecision.Cli;

namespace SpineDecision.Tests.Cli;

public sealed class ExplainFhirTests
{
    private const string Bundle = """
        { "resourceType": "Bundle", "type": "collection", "entry": [
          { "resource": { "resourceType": "Patient", "id": "p", "birthDate": "1970-01-01", "gender": "female" } },
          { "resource": { "resourceType": "Observation", "id": "nrs", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] },
              "effectiveDateTime": "2026-10-01", "valueInteger": 7 } } ] }
        """;

    [Test]
    public void Explain_FhirBundle_PrintsTheMappingSummaryThenTheReport()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bundle.json", Bundle);

        var result = CliRunner.Run("explain", file, "--date", "2026-11-01");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Lines[0].Should().StartWith("FHIR mapping: 3 mapped");
        result.Out.Should().Contain("assessed 2026-11-01").And.Contain("INFORMATION NEEDED (");
    }

    [Test]
    public void Explain_FhirBundleWithMapping_PrintsEveryMappedDatum()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bundle.json", Bundle);

        var result = CliRunner.Run("explain", file, "--date", "2026-11-01", "--mapping");

        result.Out.Should().Contain("mapped   pain.nrs = 7  <- Observation/nrs").And.Contain("mapped   patient.age = 56");
    }

    [Test]
    public void Explain_MalformedFhirBundle_FailsWithTheJsonPathAndNoStackTrace()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bundle.json", """{ "resourceType": "Bundle", "entry": [ { "resource": { "resourceType": "Patient" } ] }""");

        var result = CliRunner.Run("explain", file, "--date", "2026-11-01");

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("$.entry[0].resource").And.Contain("malformed JSON");
        result.ShouldNotShowAStackTrace();
    }
}
