using System.Globalization;
using SpineDecision.Cli;
using SpineDecision.Cli.Inputs;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Scenarios;

namespace SpineDecision.Tests.Cli;

public sealed class CoverageCommandTests
{
    private const string Scenarios = """
        scenarios:
          - id: C-1
            given:
              assessmentDate: 2026-11-01
              pain: { nrs: 8 }
            expect:
              fired: [C-HIGH-001]
          - id: C-2
            given:
              assessmentDate: 2026-11-01
              pain: { nrs: 9 }
            expect:
              fired: [C-HIGH-001]
        """;

    [Test]
    public void Coverage_ListsScenariosPerRuleUnfiredRulesAndPercentage()
    {
        using var folder = Fixture();

        var result = CliRunner.Run("coverage", folder.Path);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Lines.Should().Contain(l => l.Contains("C-HIGH-001", StringComparison.Ordinal) && l.Contains("2  C-1, C-2", StringComparison.Ordinal));
        result.Out.Should().Contain("Rules no scenario fires (1):");
        result.Lines.Should().Contain(l => l.TrimStart().StartsWith("C-LOW-001", StringComparison.Ordinal) && l.Contains("t.yaml(", StringComparison.Ordinal) && l.EndsWith("Rule C-LOW-001", StringComparison.Ordinal));
        result.LastLine.Should().Be($"Coverage: 1 of 2 rules in {folder.Path} fired (50.0 %)");
    }

    [TestCase("50", ExitCodes.Success)]
    [TestCase("50.1", ExitCodes.Failed)]
    [TestCase("100", ExitCodes.Failed)]
    public void Coverage_Min_FailsBelowTheThreshold(string min, int exitCode)
    {
        using var folder = Fixture();

        var result = CliRunner.Run("coverage", folder.Path, "--min", min);

        result.ExitCode.Should().Be(exitCode);
        if (exitCode == ExitCodes.Failed)
        {
            result.LastLine.Should().StartWith("error: coverage 50.0 % is below --min");
        }
    }

    [TestCase("-1")]
    [TestCase("101")]
    public void Coverage_MinOutOfRange_IsAUsageError(string min)
    {
        var result = CliRunner.Run("coverage", CliRunner.RulesFolder, "--min", min);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--min must be a percentage from 0 to 100");
    }

    [Test]
    public void Coverage_ShippedRules_MatchesTheScenarioRunner()
    {
        var scenarios = ScenarioFileLoader.Load(ScenarioFileLoader.FilesIn(CliRunner.RulesFolder), new DiagnosticBag());
        var runner = new ScenarioRunner(RuleBaseLoader.DefaultRuleFiles, FhirScenarioCases.Instance);
        var fired = scenarios.SelectMany(s => runner.Run(s).Fired).ToHashSet(StringComparer.Ordinal);
        var rules = runner.EngineFor(null).Compiled.Rules.Rules;
        var covered = rules.Count(r => fired.Contains(r.Id));

        var result = CliRunner.Run("coverage", CliRunner.RulesFolder);

        result.Lines.Should().Contain(string.Create(CultureInfo.InvariantCulture,
            $"Coverage: {covered} of {rules.Length} rules fired ({covered * 100.0 / rules.Length:0.0} %)"));
    }

    [Test]
    public void Coverage_RulesWithErrors_ReportsThemWithoutAStackTrace()
    {
        using var folder = new TempFolder();
        folder.Write("x.scenarios.yaml", Scenarios);

        var result = CliRunner.Run("coverage", folder.Path, "--rules", CliRunner.VocabularyFile, Path.Combine(CliRunner.InvalidFolder, "type-mismatch.yaml"));

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("error SD0206");
        result.ShouldNotShowAStackTrace();
    }

    private static TempFolder Fixture()
    {
        var folder = new TempFolder();
        folder.WithVocabulary();
        folder.Write("t.yaml", RuleText.RuleSet("cov", "rules:\n" + RuleText.AskRule("C-HIGH-001", "pain.nrs >= 7") + "\n" + RuleText.AskRule("C-LOW-001", "pain.nrs <= 2", "pain.region")));
        folder.Write("t.scenarios.yaml", Scenarios);
        return folder;
    }
}
