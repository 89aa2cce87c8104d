using System.Text.RegularExpressions;
using SpineDecision.Cli;

namespace SpineDecision.Tests.Cli;

public sealed partial class ValidateCommandTests
{
    public static IEnumerable<TestCaseData> MalformedRuleFiles() =>
        Directory.EnumerateFiles(CliRunner.InvalidFolder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"Validate_MalformedRuleFile_ReportsLocatedError({Path.GetFileName(path)})"));

    [Test]
    public void MalformedRuleFiles_AreAtLeastFifteenWithDistinctCodes()
    {
        var codes = Directory.EnumerateFiles(CliRunner.InvalidFolder, "*.yaml").Select(f => Expectation(f).Code).ToList();

        codes.Should().HaveCountGreaterThanOrEqualTo(15);
        codes.Distinct().Should().HaveCountGreaterThanOrEqualTo(15);
    }

    [TestCaseSource(nameof(MalformedRuleFiles))]
    public void Validate_MalformedRuleFile_ReportsLocatedError(string name)
    {
        var path = Path.Combine(CliRunner.InvalidFolder, name);
        var (code, line, column) = Expectation(path);

        var result = CliRunner.Run("validate", CliRunner.VocabularyFile, path);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().Contain(l => l.StartsWith($"{path}({line},{column}): error {code}: ", StringComparison.Ordinal), result.Out);
        result.Lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Should().OnlyContain(l => DiagnosticLine().IsMatch(l));
        result.LastLine.Should().MatchRegex(@"^\d+ files checked: [1-9]\d* errors?, \d+ warnings?$");
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Validate_ShippedRules_HasNoErrorsAndExitsZero()
    {
        var result = CliRunner.Run("validate", CliRunner.RulesFolder);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Lines.Should().NotContain(l => l.Contains(": error ", StringComparison.Ordinal));
        result.LastLine.Should().MatchRegex(@"^\d+ files checked \(\d+ rule sets, \d+ rules, \d+ concept sets, \d+ profiles, \d+ scenarios\): 0 errors, \d+ warnings?$");
    }

    [Test]
    public void Validate_ShippedRules_WarnsOnlyAboutJustifiedLint()
    {
        var result = CliRunner.Run("validate", CliRunner.RulesFolder);

        // Duplicate or shadowed rules, dangling conclusions, unused parameters and inverted dates are defects in shipped
        // content; pending review (SD1008), profile-switched rules (SD1007) and uncited sources may be justified.
        var warnings = result.Lines.Where(l => l.Contains(": warning ", StringComparison.Ordinal)).ToList();
        warnings.Should().OnlyContain(l => DiagnosticLine().IsMatch(l));
        warnings.Should().NotContain(l => Regex.IsMatch(l, "warning SD100[1-6]|warning SD1009"));
    }

    [Test]
    public void Validate_OneFolderTwice_ReadsEachFileOnce()
    {
        var once = CliRunner.Run("validate", CliRunner.RulesFolder);

        var twice = CliRunner.Run("validate", CliRunner.RulesFolder, CliRunner.RulesFolder, CliRunner.VocabularyFile);

        twice.Out.Should().Be(once.Out);
    }

    [Test]
    public void Validate_PathThatDoesNotExist_ReportsSd0008()
    {
        var result = CliRunner.Run("validate", "no/such/folder");

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines[0].Should().Be("no/such/folder(1,1): error SD0008: 'no/such/folder' does not exist; give a rule file, a scenario file or a folder of them");
    }

    [Test]
    public void Validate_FolderWithoutYaml_ReportsNoRules()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run("validate", folder.Path);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("spine-rules: error SD0216: no rule or scenario files");
    }

    [Test]
    public void Validate_SchemaFolder_IsSkipped()
    {
        using var folder = new TempFolder();
        folder.WithVocabulary();
        folder.Write("facet/facet.yaml", RuleText.RuleSet("t", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7")));
        folder.Write("schema/not-a-rule-file.yaml", "this: is not a rule file\n");

        var result = CliRunner.Run("validate", folder.Path, "--no-defaults");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
    }

    [Test]
    public void Validate_EveryErrorOfAFile_IsReportedAtOnce()
    {
        using var folder = new TempFolder();
        folder.WithVocabulary();
        var file = folder.Write("bad.yaml", RuleText.RuleSet("bad", "rules:\n" +
            RuleText.AskRule("T-001", "pain.nrss >= 7") + "\n" + RuleText.AskRule("T-002", "pain.region == lumbarr")));

        var result = CliRunner.Run("validate", folder.Path);

        result.Lines.Should().Contain(l => l.StartsWith(file.Replace('\\', '/'), StringComparison.Ordinal) && l.Contains("error SD0205", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.Contains("error SD0203", StringComparison.Ordinal));
        result.LastLine.Should().EndWith("2 errors, 0 warnings");
    }

    [Test]
    public void Validate_ScenarioFileWithWrongNames_ReportsLocatedErrors()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("x.scenarios.yaml", """
            scenarios:
              - id: X-1
                profile: medicair
                given:
                  assessmentDate: 2026-11-01
                  pain: { region: lumbarr, nrs: 11 }
                expect:
                  recommended: [facet-rfaa]
                  withheld: [neuraxial, elective]
                  alerts: [red-flagg, RF-CES-001]
                  informationNeeded: [pain.durationWeekz]
                  fired: [FACET-RFA-001]
                  notFired: [FACET-RFA-999]
            """).Replace('\\', '/');

        var result = CliRunner.Run("validate", CliRunner.RulesFolder, scenarios);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(3,14): error SD0211: scenario 'X-1' runs under unknown profile 'medicair' (did you mean 'medicare'?)", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(6,23): error SD0301: scenario 'X-1': pain.region:", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(6,37): error SD0301: scenario 'X-1': pain.nrs:", StringComparison.Ordinal));
        result.Lines.Should().Contain($"{scenarios}(8,21): error SD0302: scenario 'X-1' expects recommended 'facet-rfaa', which is not a procedure id of the loaded rules (did you mean 'facet-rfa'?)");
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(10,16): error SD0302: scenario 'X-1' expects alerts 'red-flagg'", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(11,27): error SD0302: scenario 'X-1' expects informationNeeded 'pain.durationWeekz'", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(13,18): error SD0302: scenario 'X-1' expects notFired 'FACET-RFA-999'", StringComparison.Ordinal));
        result.Lines.Count(l => l.Contains(": error ", StringComparison.Ordinal)).Should().Be(7);
    }

    [Test]
    public void Validate_ScenarioWhyNotNamingUnknownProcedureOrParameter_ReportsLocatedDidYouMean()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("w.scenarios.yaml", """
            scenarios:
              - id: W-1
                given: { caseFormat: 2, assessmentDate: 2026-11-01 }
                expect:
                  whyNot:
                    epidural-steroid-injectio: [esiMinPainWeeks]
                    facet-rfa: [mbbReliefPercnt, pain.durationWeeks, therapy]
            """).Replace('\\', '/');

        var result = CliRunner.Run("validate", CliRunner.RulesFolder, scenarios);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(6,9): error SD0302: scenario 'W-1' expects whyNot 'epidural-steroid-injectio', which is not a procedure id", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(7,21): error SD0302: scenario 'W-1' expects whyNot.facet-rfa 'mbbReliefPercnt'", StringComparison.Ordinal)
            && l.EndsWith("(did you mean 'mbbReliefPercent'?)", StringComparison.Ordinal));
        result.Lines.Count(l => l.Contains(": error ", StringComparison.Ordinal)).Should().Be(2);
    }

    [Test]
    public void Validate_ScenarioWhyNotNotAMapping_ReportsALocatedError()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("v.scenarios.yaml", """
            scenarios:
              - id: V-1
                given: { caseFormat: 2, assessmentDate: 2026-11-01 }
                expect: { whyNot: [esiMinPainWeeks] }
            """).Replace('\\', '/');

        var result = CliRunner.Run("validate", CliRunner.RulesFolder, scenarios);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(4,23): error", StringComparison.Ordinal) && l.Contains("'whyNot' must be a mapping", StringComparison.Ordinal));
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Validate_MalformedScenarioFile_ReportsLocatedStructureErrors()
    {
        using var folder = new TempFolder();
        var scenarios = folder.Write("y.scenarios.yaml", """
            scenarios:
              - id: Y-1
                given: { assessmentDate: 2026-13-01, pain: { nrs: lots } }
                expect: { recommend: [facet-rfa] }
            """).Replace('\\', '/');

        var result = CliRunner.Run("validate", CliRunner.RulesFolder, scenarios);

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(3,30): error SD0104:", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(3,55): error SD0104:", StringComparison.Ordinal));
        result.Lines.Should().Contain(l => l.StartsWith($"{scenarios}(4,15): error SD0101: unknown key 'recommend'", StringComparison.Ordinal));
        result.ShouldNotShowAStackTrace();
    }

    [Test]
    public void Validate_ScenarioFilesWithNoDefaults_ChecksStructureAndSaysSo()
    {
        var scenarios = Directory.EnumerateFiles(CliRunner.RulesFolder, "*.scenarios.yaml", SearchOption.AllDirectories).First();

        var result = CliRunner.Run("validate", scenarios, "--no-defaults");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().Contain("note: no rule files were given");
    }

    private static (string Code, int Line, int Column) Expectation(string path)
    {
        var match = ExpectComment().Match(File.ReadLines(path).First());
        match.Success.Should().BeTrue($"{path} must start with '# expect: SDnnnn at line,col'");
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^# expect: (SD\d{4}) at (\d+),(\d+)$")]
    private static partial Regex ExpectComment();

    [GeneratedRegex(@"^.+\(\d+,\d+\): (error|warning) SD\d{4}: \S.*$|^spine-rules: (error|warning) SD\d{4}: \S.*$")]
    private static partial Regex DiagnosticLine();
}
