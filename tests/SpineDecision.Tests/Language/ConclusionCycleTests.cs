using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Language;

/// <summary>
/// Conclusions that can derive each other are found statically at load (SD1012, naming the rules of the cycle); the
/// runaway guard still names them at evaluation (EvaluatorTests).
/// </summary>
[TestFixture]
public sealed class ConclusionCycleTests
{
    private static string Rules(string body) => TestRules.Header("cycles") + """
        conclusions:
          - id: alpha
            description: First.
          - id: beta
            description: Second.
          - id: gamma
            description: Third.
        rules:

        """ + body;

    private static string Rule(string id, string matches, string derives) => $"""
          - id: {id}
            title: Rule {id}
            cites: [SRC]
            when:
              - check: "pain.nrs >= 1"
        {matches}    then:
              - derive: {"{"} conclusion: {derives} {"}"}

        """;

    private static IReadOnlyList<RuleDiagnostic> Cycles(string yaml) =>
        [.. RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, new RuleSourceFile("cycles.yaml", yaml)]).Diagnostics.Where(d => d.Code == "SD1012")];

    [Test]
    public void LoadAndCheck_TwoRulesDerivingEachOthersConclusion_WarnsNamingBothRules()
    {
        var yaml = Rules(Rule("C-A", "      - match: alpha\n", "beta") + Rule("C-B", "      - none: beta\n", "alpha"));

        var warnings = Cycles(yaml);

        warnings.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d => d.Severity == DiagnosticSeverity.Warning
            && d.Location.Line == TestRules.LineOf(yaml, "- id: C-A")
            && d.Message.StartsWith("conclusions 'alpha', 'beta' derive each other in a cycle through rules C-A, C-B", StringComparison.Ordinal));
    }

    [Test]
    public void LoadAndCheck_RuleDerivingWhatItMatches_WarnsNamingTheRule()
    {
        var warnings = Cycles(Rules(Rule("C-SELF", "      - count: gamma\n        atLeast: 1\n", "gamma")));

        warnings.Should().ContainSingle().Which.Message.Should().StartWith("conclusions 'gamma' derive each other in a cycle through rules C-SELF");
    }

    [Test]
    public void LoadAndCheck_CycleThroughAny_Warns()
    {
        var warnings = Cycles(Rules(Rule("C-A", "      - any:\n          - exists: alpha\n          - check: \"pain.nrs > 9\"\n", "alpha")));

        warnings.Should().ContainSingle().Which.Message.Should().Contain("through rules C-A");
    }

    [Test]
    public void LoadAndCheck_ChainWithoutACycle_DoesNotWarn()
    {
        var warnings = Cycles(Rules(Rule("C-1", string.Empty, "alpha") + Rule("C-2", "      - match: alpha\n", "beta") + Rule("C-3", "      - match: beta\n", "gamma")));

        warnings.Should().BeEmpty();
    }

    [Test]
    public void Create_RuleSetWithACycle_ExposesTheWarningOnTheEngine()
    {
        var engine = TestRules.Engine("cycles.yaml", Rules(Rule("C-SELF", "      - exists: gamma\n", "gamma")));

        engine.Warnings.Should().ContainSingle(d => d.Code == "SD1012").Which.Message.Should().Contain("C-SELF");
    }

    [Test]
    public void LoadAndCheck_ShippedRules_HaveNoCycle()
    {
        var (_, diagnostics) = RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles);

        diagnostics.Should().NotContain(d => d.Code == "SD1012");
    }
}
