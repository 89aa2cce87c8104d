using SpineDecision.Cli;

namespace SpineDecision.Tests.Cli;

/// <summary>The linter inside <c>validate</c>: warnings (SD1xxx) that never fail the run.</summary>
public sealed class ValidateLintTests
{
    [Test]
    public void Lint_CleanRuleSet_HasNoWarnings()
    {
        var result = Validate(RuleText.RuleSet("clean", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7")));

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.LastLine.Should().EndWith(": 0 errors, 0 warnings");
    }

    [Test]
    public void Lint_DuplicateRule_WarnsSd1001OnTheSecond()
    {
        var result = Validate(RuleText.RuleSet("dup", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7") + "\n" + RuleText.AskRule("T-002", "pain.nrs  >=  7")));

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1001: rule 'T-002' has the same conditions and actions as rule 'T-001'", StringComparison.Ordinal));
    }

    [Test]
    public void Lint_RuleWithMoreConditionsAndTheSameActions_WarnsSd1002()
    {
        var narrower = """
              - id: T-002
                title: Narrower
                cites: [SRC]
                when:
                  - check: "pain.region == lumbar"
                  - check: "pain.nrs >= 7"
                then:
                  - ask:
                      datum: pain.nrs
                      why: Worded differently, same effect.
            """;

        var result = Validate(RuleText.RuleSet("shadow", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7") + "\n" + narrower));

        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1002: rule 'T-002' is shadowed by rule 'T-001'", StringComparison.Ordinal));
    }

    [Test]
    public void Lint_Conclusions_WarnDerivedNeverMatchedMatchedNeverDerivedAndUnused()
    {
        var body = """
            conclusions:
              - { id: derivedOnly, description: Derived but nobody looks. }
              - { id: matchedOnly, description: Looked for but never made. }
              - { id: unused, description: Declared only. }
            rules:
              - id: T-001
                title: Derives
                cites: [SRC]
                when:
                  - check: "pain.nrs >= 7"
                then:
                  - derive: { conclusion: derivedOnly }
              - id: T-002
                title: Matches
                cites: [SRC]
                when:
                  - exists: matchedOnly
                then:
                  - ask: { datum: pain.nrs, why: Test. }
            """;

        var result = Validate(RuleText.RuleSet("conclusions", body));

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1003: conclusion 'derivedOnly' is derived but no rule matches it", StringComparison.Ordinal));
        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1004: conclusion 'matchedOnly' is matched by T-002 but no rule derives it", StringComparison.Ordinal));
        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1005: conclusion 'unused' is declared but no rule derives or matches it", StringComparison.Ordinal));
    }

    [Test]
    public void Lint_UnusedParameter_WarnsSd1006AtTheParameter()
    {
        using var folder = new TempFolder();
        folder.WithVocabulary();
        var file = folder.Write("t.yaml", RuleText.RuleSet("params", """
            parameters:
              - { id: used, default: 7, description: Used in a check., sources: [SRC] }
              - { id: inTextOnly, default: 3, description: Used only in a text., sources: [SRC] }
              - { id: forgotten, default: 1, description: Not used., sources: [SRC] }
            rules:
              - id: T-001
                title: Uses
                cites: [SRC]
                when:
                  - check: "pain.nrs >= param.used"
                then:
                  - ask: { datum: pain.nrs, why: "At least {param.inTextOnly}." }
            """)).Replace('\\', '/');

        var result = CliRunner.Run("validate", folder.Path);

        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1006", StringComparison.Ordinal))
            .Which.Should().StartWith($"{file}(17,5): warning SD1006: parameter 'forgotten' is not used by any rule");
    }

    [Test]
    public void Lint_RuleAProfileMakesImpossible_WarnsSd1007NamingTheProfile()
    {
        var result = Validate(RuleText.RuleSet("profiles", ProfileRules), Profiles);

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1007: rule 'T-COUNT-001' can never fire under profile 'one': 'count procedure' needs at least 1 and at most 0", StringComparison.Ordinal));
        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1007: rule 'T-NEVER-001' can never fire under any profile: a condition is always false", StringComparison.Ordinal));
    }

    [Test]
    public void Lint_RuleSwitchedByAParameterCheck_IsIntendedAndNotWarned()
    {
        var result = Validate(RuleText.RuleSet("profiles", ProfileRules), Profiles);

        result.Lines.Should().NotContain(l => l.Contains("T-SWITCH-001", StringComparison.Ordinal));
    }

    private const string ProfileRules = """
        parameters:
          - { id: enabled, type: boolean, default: true, description: Switch., sources: [SRC] }
          - { id: blocks, default: 2, description: Blocks required., sources: [SRC] }
        rules:
          - id: T-SWITCH-001
            title: Only when enabled
            cites: [SRC]
            when:
              - check: "param.enabled == true"
              - check: "pain.nrs >= 1"
            then:
              - ask: { datum: pain.nrs, why: Test. }
          - id: T-NEVER-001
            title: Needs more blocks than any profile asks for
            cites: [SRC]
            when:
              - check: "param.blocks > 5"
              - check: "pain.nrs >= 2"
            then:
              - ask: { datum: pain.nrs, why: Test. }
          - id: T-COUNT-001
            title: Between one block and the required number
            cites: [SRC]
            when:
              - count: procedure
                where: "procedure == medial-branch-block"
                atLeast: 1
                atMost: param.blocks - 1
            then:
              - ask: { datum: procedure.reliefPercent, why: Test. }
        """;

    private static readonly (string, string)[] Profiles =
    [
        ("profiles/base.yaml", RuleText.Profile("base", "{}", isDefault: true)),
        ("profiles/off.yaml", RuleText.Profile("off", "{ enabled: false }")),
        ("profiles/one.yaml", RuleText.Profile("one", "{ blocks: 1 }")),
    ];

    [TestCase("[]", "empty")]
    [TestCase("[Pending clinical review]", "'Pending clinical review'")]
    public void Lint_NoReviewer_WarnsSd1008OncePerFile(string reviewers, string described)
    {
        var result = Validate(RuleText.RuleSet("review", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7"), reviewers: reviewers));

        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1008", StringComparison.Ordinal))
            .Which.Should().Contain($"rule set 'review' has no clinical reviewer yet ('reviewers' is {described})");
    }

    [Test]
    public void Lint_RevisedBeforeReleased_WarnsSd1009()
    {
        var result = Validate(RuleText.RuleSet("dates", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7"), released: "2026-05-01", revised: "2026-04-30"));

        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1009: rule set 'dates' was revised on 2026-04-30, before it was released on 2026-05-01", StringComparison.Ordinal));
    }

    [Test]
    public void Lint_ProfileCitingAnUnknownSource_WarnsSd1010()
    {
        var result = Validate(RuleText.RuleSet("sources", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7")),
            ("profiles/p.yaml", RuleText.Profile("p", "{}", sources: "[SRC, SCR]")));

        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1010: profile 'p' cites 'SCR' (did you mean 'SRC'?), which no rule set declares under 'sources'", StringComparison.Ordinal));
    }

    [Test]
    public void Lint_SourceNobodyCites_WarnsSd1011()
    {
        var text = RuleText.RuleSet("sources", "rules:\n" + RuleText.AskRule("T-001", "pain.nrs >= 7"))
            .Replace("    - { id: SRC, citation: Test source, evidence: U }", "    - { id: SRC, citation: Test source, evidence: U }\n    - { id: OLD, citation: Old source, evidence: V }", StringComparison.Ordinal);

        var result = Validate(text);

        result.Lines.Should().ContainSingle(l => l.Contains("warning SD1011: source 'OLD' of rule set 'sources' is not cited by any rule, parameter or profile", StringComparison.Ordinal));
    }

    [Test]
    public void Lint_RulesWithErrors_AreNotLinted()
    {
        var result = Validate(RuleText.RuleSet("errors", "rules:\n" + RuleText.AskRule("T-001", "pain.nrss >= 7"), reviewers: "[]"));

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().NotContain(l => l.Contains(": warning ", StringComparison.Ordinal));
    }

    private static CliResult Validate(string ruleSet, params (string Name, string Text)[] more)
    {
        using var folder = new TempFolder();
        folder.WithVocabulary();
        folder.Write("t.yaml", ruleSet);
        foreach (var (name, text) in more)
        {
            folder.Write(name, text);
        }

        // The test's rule set alone, so that the shipped profiles do not change what the lint sees.
        return CliRunner.Run("validate", folder.Path, "--no-defaults");
    }
}
