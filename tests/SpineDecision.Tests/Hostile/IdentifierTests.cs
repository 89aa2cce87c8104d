using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Scenarios;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Hostile;

/// <summary>
/// Identifiers match <c>[A-Za-z0-9][A-Za-z0-9._-]{0,99}</c>, and no text in a rule or scenario file holds a
/// bidirectional control, a zero-width or other format character, or a control character: what a reviewer reads is
/// what the engine uses (Trojan Source).
/// </summary>
[TestFixture]
public sealed class IdentifierTests
{
    private static string RuleFile(string ruleId = "T-001", string sourceId = "SRC", string title = "A title", string rationale = "Because.") =>
        TestRules.Header("ids").Replace("- id: SRC", $"- id: \"{sourceId}\"", StringComparison.Ordinal) + $"""
        rules:
          - id: "{ruleId}"
            title: "{title}"
            cites: ["{sourceId}"]
            when:
              - check: "pain.nrs >= 5"
            then:
              - recommend:
                  procedure: epidural-steroid-injection
                  intent: therapeutic
                  strength: recommended
                  rationale: "{rationale}"
        """;

    private static IReadOnlyList<RuleDiagnostic> Errors(params RuleSourceFile[] files) => LoadErrors.Of(files);

    private static IReadOnlyList<RuleDiagnostic> Errors(string yaml) => LoadErrors.Of(new RuleSourceFile("ids.yaml", yaml));

    [TestCase("T-001")]
    [TestCase("t.001_a")]
    [TestCase("9A")]
    [TestCase("A123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public void LoadAndCheck_IdentifierMatchingThePattern_Loads(string ruleId)
    {
        var errors = Errors(RuleFile(ruleId: ruleId));

        errors.Should().BeEmpty();
    }

    [TestCase("-T001", "'id' must be letters, digits, '-', '_' and '.', starting with a letter or digit, at most 100 characters, not '-T001'")]
    [TestCase("T 001", "'id' must be letters, digits, '-', '_' and '.', starting with a letter or digit, at most 100 characters, not 'T 001'")]
    [TestCase("T-00é", "'id' must be letters, digits, '-', '_' and '.', starting with a letter or digit, at most 100 characters, not 'T-00é'")]
    [TestCase("Т-001", "'id' must be letters, digits, '-', '_' and '.', starting with a letter or digit, at most 100 characters, not 'Т-001'")] // Cyrillic Т
    [TestCase("A1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890", "'id' must be letters")]
    public void LoadAndCheck_RuleIdOutsideThePattern_ReportsItWhereItIsWritten(string ruleId, string message)
    {
        var yaml = RuleFile(ruleId: ruleId);

        var errors = Errors(yaml);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d =>
            d.Code == "SD0104" && d.Location.Line == TestRules.LineOf(yaml, "- id: \"" + ruleId) && d.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [TestCase("T-\u202E100", "U+202E", 3)]
    [TestCase("T-001\u200B", "U+200B", 6)]
    [TestCase("\u2066T-001", "U+2066", 1)]
    [TestCase("T\u200D-001", "U+200D", 2)]
    [TestCase("T-\uFEFF001", "U+FEFF", 3)]
    public void LoadAndCheck_RuleIdWithAHiddenCharacter_ReportsTheCharacterAndItsPosition(string ruleId, string character, int position)
    {
        var yaml = RuleFile(ruleId: ruleId);

        var errors = Errors(yaml);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d => d.Code == "SD0010"
            && d.Location.Line == TestRules.LineOf(yaml, "- id: \"" + ruleId) && d.Message.StartsWith($"character {character} at position {position} of ", StringComparison.Ordinal)
            && !d.Message.Contains(character == "U+202E" ? "\u202E" : "\u200B", StringComparison.Ordinal));
    }

    [Test]
    public void LoadAndCheck_SourceIdWithABidiOverride_ReportsSD0010()
    {
        var errors = Errors(RuleFile(sourceId: "S\u202ERC"));

        errors.Should().NotBeEmpty().And.OnlyContain(d => d.Code == "SD0010").And.Contain(d => d.Message.StartsWith("character U+202E at position 2 of 'S\\u202ERC'", StringComparison.Ordinal));
    }

    [TestCase("A \u202Etitle", "U+202E", 3)]
    [TestCase("A\u200Ctitle", "U+200C", 2)]
    [TestCase("A title\u0007", "U+0007", 8)]
    [TestCase("A title\u009B", "U+009B", 8)]
    public void LoadAndCheck_TitleWithAHiddenCharacter_ReportsIt(string title, string character, int position)
    {
        var yaml = RuleFile(title: title);

        var errors = Errors(yaml);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d => d.Code == "SD0010"
            && d.Location.Line == TestRules.LineOf(yaml, "title: \"A") && d.Message.StartsWith($"character {character} at position {position} of ", StringComparison.Ordinal));
    }

    [TestCase("Relief \u2067of 80 %\u2069.")]
    [TestCase("Relief\u00AD of 80 %.")]
    public void LoadAndCheck_RationaleWithAHiddenCharacter_ReportsSD0010(string rationale)
    {
        var errors = Errors(RuleFile(rationale: rationale));

        errors.Should().ContainSingle().Which.Code.Should().Be("SD0010");
    }

    [TestCase("Relief ≥ 80 % — see the LCD 🙂 (naïve, Straße)")]
    [TestCase("Two lines\\nand a\\ttab")]
    public void LoadAndCheck_VisibleUnicodeInFreeText_Loads(string rationale)
    {
        var errors = Errors(RuleFile(rationale: rationale));

        errors.Should().BeEmpty();
    }

    [Test]
    public void LoadScenarios_ScenarioIdWithAZeroWidthSpace_ReportsSD0010()
    {
        var diagnostics = new DiagnosticBag();

        ScenarioFileLoader.Load([new RuleSourceFile("ids.scenarios.yaml", "scenarios:\n  - id: \"esi\u200B-1\"\n")], diagnostics);

        diagnostics.Items.Should().Contain(d => d.Code == "SD0010" && d.Location == new SourceLocation("ids.scenarios.yaml", 2, 9));
    }
}
