using SpineDecision.Sample;
using SpineDecision.Tests.Cli;

namespace SpineDecision.Tests.Samples;

/// <summary>The sample runner in-process, with the command lines of the README and of .ci/run.</summary>
public sealed class SampleAppTests
{
    private static string FacetCase => Path.Combine(CliRunner.RepositoryRoot, "samples", "cases", "facet-rfa.yaml");

    [TestCase("--help")]
    [TestCase("-h")]
    public void Run_Help_PrintsUsageOnStandardOutputAndExitsZero(string help)
    {
        var result = Run(help);

        result.ExitCode.Should().Be(SampleApp.Success);
        result.Out.Should().Contain("Usage:").And.Contain("<case>").And.Contain("--json").And.Contain("--mapping").And.Contain("--date");
        result.Error.Should().BeEmpty();
    }

    [Test]
    public void Run_CaseFile_PrintsTheTextReport()
    {
        var result = Run(FacetCase);

        result.ExitCode.Should().Be(SampleApp.Success, result.Error);
        result.Out.Should().StartWith("SpineDecision report for case sample-facet-rfa, assessed 2026-11-01, profile medicare");
    }

    [Test]
    public void Run_CaseFileWithJson_PrintsTheJsonReport()
    {
        var result = Run(FacetCase, "--json");

        result.ExitCode.Should().Be(SampleApp.Success, result.Error);
        System.Text.Json.JsonDocument.Parse(result.Out).RootElement.GetProperty("caseId").GetString().Should().Be("sample-facet-rfa");
    }

    [Test]
    public void Run_CaseFileWithProfile_RunsThatProfile()
    {
        var result = Run(FacetCase, "--profile", "evicore");

        result.ExitCode.Should().Be(SampleApp.Success, result.Error);
        result.Out.Should().StartWith("SpineDecision report for case sample-facet-rfa, assessed 2026-11-01, profile evicore");
    }

    [Test]
    public void Run_FhirBundleWithDateAndMapping_PrintsTheMappingReportThenTheReport()
    {
        var bundle = Path.Combine(CliRunner.RepositoryRoot, "tests", "SpineDecision.Fhir.Tests", "TestData", "lumbar-radicular.bundle.json");

        var result = Run(bundle, "--date", "2026-11-01", "--mapping");

        result.ExitCode.Should().Be(SampleApp.Success, result.Error);
        result.Out.Should().Contain("SpineDecision report for case").And.Contain("assessed 2026-11-01");
        result.Out.IndexOf("SpineDecision report", StringComparison.Ordinal).Should().BeGreaterThan(0, "the mapping report comes first");
    }

    [TestCase("--jsn", "--json")]
    [TestCase("--maping", "--mapping")]
    [TestCase("--profil", "--profile")]
    public void Run_MistypedOptionAfterTheCase_IsAUsageErrorWithDidYouMean(string typed, string suggested)
    {
        var result = Run(FacetCase, typed);

        result.ExitCode.Should().Be(SampleApp.Usage);
        result.Error.Should().Contain($"'{typed}' (did you mean '{suggested}'?).").And.Contain("--help");
        result.Out.Should().BeEmpty();
    }

    [Test]
    public void Run_MistypedOptionBeforeTheCase_IsAUsageErrorWithDidYouMean()
    {
        var result = Run("--jsn", FacetCase);

        result.ExitCode.Should().Be(SampleApp.Usage);
        result.Error.Should().Contain("Unrecognized option '--jsn' (did you mean '--json'?).");
    }

    [Test]
    public void Run_UnknownOptionFarFromAny_IsAUsageErrorWithoutSuggestion()
    {
        var result = Run(FacetCase, "--frobnicate");

        result.ExitCode.Should().Be(SampleApp.Usage);
        result.Error.Should().Contain("'--frobnicate'").And.NotContain("did you mean");
    }

    [TestCase("2026-13-01")]
    [TestCase("01/11/2026")]
    public void Run_DateNotWrittenYyyyMmDd_IsAUsageError(string date)
    {
        var result = Run(FacetCase, "--date", date);

        result.ExitCode.Should().Be(SampleApp.Usage);
        result.Error.Should().Contain($"--date: '{date}' is not a date written yyyy-MM-dd.");
    }

    [Test]
    public void Run_NoCase_IsAUsageError()
    {
        var result = Run();

        result.ExitCode.Should().Be(SampleApp.Usage);
        result.Error.Should().Contain("--help");
    }

    [Test]
    public void Run_MissingCaseFile_IsAClearMessageWithoutAStackTrace()
    {
        var missing = Path.Combine(CliRunner.RepositoryRoot, "samples", "cases", "does-not-exist.yaml");

        var result = Run(missing);

        result.ExitCode.Should().Be(SampleApp.Failed);
        result.Error.Should().Contain("does-not-exist.yaml");
        result.ShouldNotShowAStackTrace();
    }

    private static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = SampleApp.Run(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
