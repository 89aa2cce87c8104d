using System.Text.Json;
using SpineDecision.Cases;
using SpineDecision.Cli;

namespace SpineDecision.Tests.Cli;

public sealed class ExplainCommandTests
{
    private const string FacetCase = """
        caseFormat: 2
        id: explain-facet
        assessmentDate: 2026-11-01
        patient: { age: 62, sex: female }
        pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 40, nrs: 7, disabilityScale: odi, disabilityScore: 38 }
        exam: { findings: [{ test: facet-loading, result: positive }] }
        conservativeCare: [{ modality: physical-therapy, weeks: 8, outcome: failed }]
        priorProcedures:
          - { procedure: medial-branch-block, region: lumbar, date: 2026-08-20, reliefPercent: 80 }
          - { procedure: medial-branch-block, region: lumbar, date: 2026-09-25, reliefPercent: 85 }
        redFlags: []
        medications: []
        """;

    [Test]
    public void Explain_Case_PrintsEverySectionWithTheDerivationTree()
    {
        using var folder = new TempFolder();
        var file = folder.Write("case.yaml", FacetCase);

        var result = CliRunner.Run("explain", file);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Out.Should().Contain("Case explain-facet, assessed 2026-11-01").And.Contain("Profile medicare");
        foreach (var section in new[] { "RECOMMENDED (", "WITHHELD (", "ALERTS (", "INFORMATION NEEDED (", "PROVENANCE" })
        {
            result.Out.Should().Contain(section);
        }

        result.Out.Should().Contain("facet-rfa  Radiofrequency ablation").And.Contain("rule FACET-RFA-001 (facet ")
            .And.Contain("derived by:").And.Contain("FACET-CONFIRM-001").And.Contain("FACET-CAND-001")
            .And.Contain("2 procedure fact(s) counted as 'positive'");
    }

    [Test]
    public void Explain_Json_PrintsTheEnginesReportJson()
    {
        using var folder = new TempFolder();
        var file = folder.Write("case.json", """
            { "id": "json-case", "assessmentDate": "2026-11-01", "pain": { "region": "lumbar", "pattern": "axial", "durationWeeks": 2 } }
            """);
        var expected = SpineDecisionEngine.CreateDefault().Evaluate(PatientCaseReader.ReadFile(file)).ToJson();

        var result = CliRunner.Run("explain", file, "--json");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.TrimEnd().Should().Be(expected);
        JsonDocument.Parse(result.Out).RootElement.GetProperty("caseId").GetString().Should().Be("json-case");
    }

    [Test]
    public void Explain_Profile_IsReported()
    {
        using var folder = new TempFolder();
        var file = folder.Write("case.yaml", FacetCase);

        var result = CliRunner.Run("explain", file, "--profile", "asra-2020");

        result.Out.Should().Contain("Profile asra-2020");
    }

    [Test]
    public void Explain_RulesWithNoDefaults_UsesThoseRulesAlone()
    {
        using var folder = new TempFolder();
        var vocabulary = folder.WithVocabulary();
        var rules = folder.Write("rules/t.yaml", RuleText.RuleSet("only", "rules:\n" + RuleText.AskRule("ONLY-001", "pain.nrs >= 7")));
        var file = folder.Write("case.yaml", FacetCase);

        var result = CliRunner.Run("explain", file, "--rules", vocabulary, Path.GetDirectoryName(rules)!, "--no-defaults");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Out.Should().Contain("1 rules in 1 rule sets").And.Contain("pain.nrs: Needed by a test.").And.NotContain("FACET-RFA-001");
    }

    [Test]
    public void Explain_InvalidCase_ListsEveryLocatedProblem()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.yaml", """
            assessmentDate: 2026-11-01
            pain: { region: lumbarr, nrs: 11 }
            priorProcedures:
              - { procedure: medial-branch-block, date: 2027-01-01, reliefPercent: 140 }
            """).Replace('\\', '/');

        var result = CliRunner.Run("explain", file);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().Contain(l => l.StartsWith($"{file}(2,17): error SD0301: pain.region: ", StringComparison.Ordinal) && l.Contains("did you mean 'lumbar'?", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{file}(2,31): error SD0301: pain.nrs: ", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{file}(4,45): error SD0301: priorProcedures[0].date: ", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{file}(4,72): error SD0301: priorProcedures[0].reliefPercent: ", StringComparison.Ordinal));
        result.LastLine.Should().Be("spine-rules: the case is invalid (4 problems); nothing was evaluated");
        result.ShouldNotShowAStackTrace();
    }

    [TestCase("assessmentDate: [2026-11-01\npain: {\n", "SD0301")]
    [TestCase("assesmentDate: 2026-11-01\n", "SD0301")]
    [TestCase("", "SD0301")]
    public void Explain_MalformedCaseFile_ReportsLocatedErrorWithoutAStackTrace(string text, string code)
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.yaml", text).Replace('\\', '/');

        var result = CliRunner.Run("explain", file);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines[0].Should().MatchRegex($@"^{System.Text.RegularExpressions.Regex.Escape(file)}\(\d+,\d+\): error {code}: \S");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Explain_MissingFile_ReportsItWithoutAStackTrace()
    {
        var result = CliRunner.Run("explain", "no-such-case.yaml");

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("no-such-case.yaml(1,1): error SD0301: the case file 'no-such-case.yaml' does not exist");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Explain_UnknownProfile_IsAUsageError()
    {
        using var folder = new TempFolder();
        var file = folder.Write("case.yaml", FacetCase);

        var result = CliRunner.Run("explain", file, "--profile", "nope");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Out.Should().Contain("spine-rules: error SD0211: unknown profile 'nope'");
    }

    [Test]
    public void Explain_EverySampleCase_Succeeds()
    {
        var samples = Directory.EnumerateFiles(Path.Combine(CliRunner.RepositoryRoot, "samples", "cases"), "*.yaml").ToList();

        samples.Should().NotBeEmpty();
        foreach (var sample in samples)
        {
            var result = CliRunner.Run("explain", sample);

            result.ExitCode.Should().Be(ExitCodes.Success, $"{sample}: {result.Out}");
        }
    }
}
