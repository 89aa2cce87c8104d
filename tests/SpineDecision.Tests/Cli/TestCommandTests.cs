using System.Globalization;
using System.Xml.Linq;
using SpineDecision.Cli;
using SpineDecision.Cli.Inputs;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Scenarios;

namespace SpineDecision.Tests.Cli;

public sealed class TestCommandTests
{
    private const string FailingScenario = """
        scenarios:
          - id: X-FAIL-1
            description: Second block at 79 % but the author expected RFA
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 40, nrs: 7, disabilityScale: odi, disabilityScore: 38 }
              conservativeCare: [{ modality: physical-therapy, weeks: 8, outcome: failed }]
              priorProcedures:
                - { procedure: medial-branch-block, region: lumbar, date: 2026-08-20, reliefPercent: 85 }
                - { procedure: medial-branch-block, region: lumbar, date: 2026-09-25, reliefPercent: 79 }
              redFlags: []
              medications: []
            expect:
              recommended: [facet-rfa]
          - id: X-PASS-1
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, durationWeeks: 2 }
            expect:
              notRecommended: [facet-rfa]
        """;

    /// <summary>What <c>dotnet test</c> runs: the shipped scenario tests' runner over the embedded rules.</summary>
    private static IReadOnlyList<ScenarioResult> Expected()
    {
        var scenarios = ScenarioFileLoader.Load(ScenarioFileLoader.FilesIn(CliRunner.RulesFolder), new DiagnosticBag());
        var runner = new ScenarioRunner(RuleBaseLoader.DefaultRuleFiles, FhirScenarioCases.Instance);
        return [.. scenarios.Select(s => runner.Run(s))];
    }

    [Test]
    public void Test_ShippedRules_ReproducesTheNUnitScenarioResults()
    {
        var expected = Expected();
        var passed = expected.Count(r => r.Passed);

        var result = CliRunner.Run("test", CliRunner.RulesFolder);

        result.LastLine.Should().Be(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {expected.Count - passed} failed"));
        result.ExitCode.Should().Be(passed == expected.Count ? ExitCodes.Success : ExitCodes.Failed);
        foreach (var failure in expected.Where(r => !r.Passed))
        {
            result.Out.Should().Contain($"FAIL {failure.Scenario.Id} at ");
        }
    }

    [Test]
    public void Test_JUnit_IsWellFormedAndCountsMatch()
    {
        using var folder = new TempFolder();
        var junit = Path.Combine(folder.Path, "results.xml");
        var expected = Expected();

        CliRunner.Run("test", CliRunner.RulesFolder, "--junit", junit);

        var xml = XDocument.Load(junit);
        var root = xml.Root!;
        root.Name.LocalName.Should().Be("testsuites");
        root.Attribute("tests")!.Value.Should().Be(expected.Count.ToString(CultureInfo.InvariantCulture));
        root.Attribute("failures")!.Value.Should().Be(expected.Count(r => !r.Passed).ToString(CultureInfo.InvariantCulture));
        var cases = root.Elements("testsuite").SelectMany(s => s.Elements("testcase")).ToList();
        cases.Select(c => c.Attribute("name")!.Value).Should().BeEquivalentTo(expected.Select(r => r.Scenario.Id));
        cases.Where(c => c.Element("failure") is not null).Select(c => c.Attribute("name")!.Value)
            .Should().BeEquivalentTo(expected.Where(r => !r.Passed).Select(r => r.Scenario.Id));
        foreach (var suite in root.Elements("testsuite"))
        {
            suite.Attribute("tests")!.Value.Should().Be(suite.Elements("testcase").Count().ToString(CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void Test_FailingScenario_PrintsExpectedVersusActualFiredRulesAndDerivation()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("x.scenarios.yaml", FailingScenario).Replace('\\', '/');

        var result = CliRunner.Run("test", scenarios, "--rules", CliRunner.RulesFolder);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain($"FAIL X-FAIL-1 at {scenarios}(2,5): Second block at 79 % but the author expected RFA");
        result.Out.Should().Contain("  - expected 'facet-rfa' to be recommended; recommended:");
        result.Out.Should().MatchRegex(@"  fired: [A-Z0-9-]+(, [A-Z0-9-]+)*");
        result.Out.Should().Contain("withheld:").And.Contain("facet-rfa").And.Contain("derivation:").And.Contain("FACET-NEG-001")
            .And.Contain("matched procedure: procedure=medial-branch-block").And.Contain("reliefPercent=79");
        result.Out.Should().NotContain("FAIL X-PASS-1");
        result.LastLine.Should().Be("1 passed, 1 failed");
    }

    [Test]
    public void Test_FailingScenario_JUnitCarriesTheFailure()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("x.scenarios.yaml", FailingScenario);
        var junit = Path.Combine(folder.Path, "out.xml");

        CliRunner.Run("test", scenarios, "--rules", CliRunner.RulesFolder, "--junit", junit);

        var failure = XDocument.Load(junit).Descendants("testcase").Single(c => c.Attribute("name")!.Value == "X-FAIL-1").Element("failure")!;
        failure.Attribute("message")!.Value.Should().StartWith("expected 'facet-rfa' to be recommended");
        failure.Value.Should().Contain("FACET-NEG-001").And.Contain("derivation:");
        failure.Value.Should().NotContain("\u001b");
    }

    [TestCase("X-PASS-*", "1 passed, 0 failed")]
    [TestCase("x-fail", "0 passed, 1 failed")]
    [TestCase("X-????-1", "1 passed, 1 failed")]
    public void Test_Filter_SelectsBySubstringOrGlob(string filter, string summary)
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("x.scenarios.yaml", FailingScenario);

        var result = CliRunner.Run("test", scenarios, "--rules", CliRunner.RulesFolder, "--filter", filter);

        result.LastLine.Should().Be(summary);
    }

    [Test]
    public void Test_FilterMatchingNothing_ReportsSd0303()
    {
        var result = CliRunner.Run("test", CliRunner.RulesFolder, "--filter", "NO-SUCH-*");

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("spine-rules: error SD0303: no scenario id matches --filter 'NO-SUCH-*'");
        result.LastLine.Should().Be("0 passed, 0 failed");
    }

    [Test]
    public void Test_UnknownProfile_IsAUsageError()
    {
        var result = CliRunner.Run("test", CliRunner.RulesFolder, "--profile", "medicair");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Out.Should().Contain("spine-rules: error SD0211: unknown profile 'medicair' (did you mean 'medicare'?)");
    }

    [Test]
    public void Test_RulesWithErrors_ReportsThemAndFailsEveryScenario()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("x.scenarios.yaml", FailingScenario);
        var bad = Path.Combine(CliRunner.InvalidFolder, "unknown-field.yaml");
        var junit = Path.Combine(folder.Path, "out.xml");

        var result = CliRunner.Run("test", scenarios, "--rules", CliRunner.VocabularyFile, bad, "--junit", junit);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain($"{bad}(20,17): error SD0205: unknown field 'pain.nrss'");
        result.LastLine.Should().Be("0 passed, 2 failed");
        XDocument.Load(junit).Root!.Attribute("failures")!.Value.Should().Be("2");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Test_ScenarioFileOnlyWithNoDefaults_ExplainsThatRulesAreMissing()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("x.scenarios.yaml", FailingScenario);

        var result = CliRunner.Run("test", scenarios, "--no-defaults");

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("error SD0216: no rule sets were loaded").And.Contain("pass it with --rules");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Test_MalformedScenarioFile_ReportsLocatedErrorAndFails()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("bad.scenarios.yaml", "scenarios:\n  - id: B-1\n    given: { assessmentDate: 2026-11-01 }\n    expect: { recommended: [facet-rfa] }\n  - id: B-1\n    given: [oops\n").Replace('\\', '/');

        var result = CliRunner.Run("test", scenarios, "--rules", CliRunner.RulesFolder);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines[0].Should().MatchRegex($@"^{System.Text.RegularExpressions.Regex.Escape(scenarios)}\(\d+,\d+\): error SD0001: ");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Test_UnwritableJUnitFile_IsAUsageError()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run("test", CliRunner.RulesFolder, "--junit", Path.Combine(folder.Path, "no", "such", "dir", "out.xml"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("spine-rules: error: cannot write the JUnit file");
    }

    [Test]
    public void Test_Verbose_ListsPassingScenarios()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("x.scenarios.yaml", FailingScenario);

        var result = CliRunner.Run("test", scenarios, "--rules", CliRunner.RulesFolder, "--verbose");

        result.Lines.Should().Contain("PASS X-PASS-1");
    }
}
