using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Scenarios;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Hostile;

/// <summary>
/// Text that makes YamlDotNet throw something other than a <c>YamlException</c> (broken surrogate pairs, code points
/// past U+10FFFF) and empty files are located SD errors through every reader: rule files (rule sets, vocabularies,
/// profiles), scenario files and cases written in YAML or JSON.
/// </summary>
[TestFixture]
public sealed class HostileYamlTests
{
    /// <summary>Hostile text, and the line and column where the reader must report it.</summary>
    private static readonly object[] BrokenEscapes =
    [
        new object[] { "ruleSet: \"\\ud800\\u0041\"\n", 1, 23 },
        new object[] { "ruleSet: \"\\ud800\\udbff\"\n", 1, 23 },
        new object[] { "ruleSet: \"\\udc00\\udc00\"\n", 1, 23 },
        new object[] { "ruleSet: \"\\ud800\\U0001F600\"\n", 1, 27 },
        new object[] { "ruleSet: \"\\UFFFFFFFF\"\n", 1, 21 },
        new object[] { "ruleSet: \"\\udc00\"\n", 1, 10 }, // a YamlException, located at the value
        new object[] { "ruleSet:\n  id: \"x\\ud800\\u0041\"\n", 2, 21 },
    ];

    private static readonly string[] EmptyFiles = ["", "\n\n", "# only a comment\n# and another\n", "---\n", "---\n# comment\n", "--- \n...\n"];

    [TestCaseSource(nameof(BrokenEscapes))]
    public void LoadAndCheck_BrokenUnicodeEscapeInARuleFile_ReportsSD0001AtTheEscape(string text, int line, int column)
    {
        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, new RuleSourceFile("hostile.yaml", text)]);

        var errors = act.Should().Throw<RuleLoadException>().Which.Diagnostics.Where(d => d.Location.File == "hostile.yaml").ToList();
        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d =>
            d.Code == "SD0001" && d.Location == new SourceLocation("hostile.yaml", line, column) && d.Message.Contains("invalid Unicode"));
    }

    [TestCaseSource(nameof(BrokenEscapes))]
    public void LoadScenarios_BrokenUnicodeEscape_ReportsSD0001AtTheEscape(string text, int line, int column)
    {
        var diagnostics = new DiagnosticBag();

        ScenarioFileLoader.Load([new RuleSourceFile("hostile.scenarios.yaml", text)], diagnostics);

        diagnostics.Items.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d =>
            d.Code == "SD0001" && d.Location.Line == line && d.Location.Column == column);
    }

    [TestCase("assessmentDate: \"\\ud800\\u0041\"\n", 1, 30)]
    [TestCase("{\"assessmentDate\": \"\\ud800\\u0041\"}", 1, 33)]
    [TestCase("{\"pain\": {\"\\udc00\\udc00\": 1}}", 1, 24)]
    [TestCase("{\"assessmentDate\": \"\\UFFFFFFFF\"}", 1, 31)]
    public void Read_BrokenUnicodeEscapeInACase_IsAnInvalidCaseAtTheEscape(string text, int line, int column)
    {
        var act = () => PatientCaseReader.Read(text, "hostile-case");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Location.Should().Be(new SourceLocation("hostile-case", line, column));
    }

    [TestCaseSource(nameof(EmptyFiles))]
    public void LoadAndCheck_EmptyRuleFile_ReportsSD0009NamingTheFile(string text)
    {
        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, new RuleSourceFile("rules/empty.yaml", text)]);

        act.Should().Throw<RuleLoadException>().Which.Message.Should().Contain("rules/empty.yaml(1,1): error SD0009: the file is empty");
    }

    [TestCaseSource(nameof(EmptyFiles))]
    public void LoadScenarios_EmptyFile_ReportsSD0009NamingTheFile(string text)
    {
        var diagnostics = new DiagnosticBag();

        ScenarioFileLoader.Load([new RuleSourceFile("empty.scenarios.yaml", text)], diagnostics);

        diagnostics.Items.Should().ContainSingle().Which.ToString().Should().Be("empty.scenarios.yaml(1,1): error SD0009: the file is empty");
    }

    [TestCaseSource(nameof(EmptyFiles))]
    public void Read_EmptyCase_ReportsTheEmptyFileAtItsStart(string text)
    {
        var act = () => PatientCaseReader.Read(text, "empty-case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Should().Match<CaseProblem>(p => p.Location == new SourceLocation("empty-case.yaml", 1, 1) && p.Message.Contains("empty"));
    }

    [Test]
    public void LoadAndCheck_ValueThatIsOnlyNull_IsNotAnEmptyFile()
    {
        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, new RuleSourceFile("null.yaml", "null\n")]);

        act.Should().Throw<RuleLoadException>().Which.Diagnostics.Should().Contain(d => d.Location.File == "null.yaml")
            .And.NotContain(d => d.Code == "SD0009");
    }
}
