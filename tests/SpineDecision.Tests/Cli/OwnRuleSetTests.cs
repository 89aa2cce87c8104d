using SpineDecision.Cli;
using SpineDecision.Engine;
using SpineDecision.Scenarios;

namespace SpineDecision.Tests.Cli;

/// <summary>
/// spine-rules as an informaticist uses it after <c>dotnet tool install</c>: on a folder of their own outside the
/// repository, holding a rule set and a scenario file written only from what rules/README.md documents (header,
/// parameter, conclusion, ask, caution, derive and withhold with <c>until</c>), which use the shipped vocabulary.
/// </summary>
public sealed class OwnRuleSetTests
{
    /// <summary>Four rules: an ask, a caution at a threshold, a derived conclusion and a temporary withhold matching it.</summary>
    internal const string RuleSet = """
        ruleSet:
          id: my-clinic
          title: My clinic - documentation before facet procedures
          version: 1.0.0
          status: draft
          description: Asks for the pain score, notes a low one, and defers radiofrequency ablation while a block is unscored.
          developer: My clinic informatics
          funding: None
          released: 2026-11-24
          revised: 2026-11-24
          reviewers: [Dr A. Reviewer]
          sources:
            - id: MY-POLICY
              citation: My clinic documentation policy 2026
              evidence: U
        parameters:
          - id: myMinNrs
            type: number
            unit: score
            default: 4
            description: Lowest NRS at which the clinic schedules an interventional review.
            sources: [MY-POLICY]
        conclusions:
          - id: myUnscoredBlock
            description: A medial branch block in the last year has no documented relief.
            attributes:
              date: date
        rules:
          - id: MY-ASK-001
            title: Ask for the pain score
            cites: [MY-POLICY]
            when:
              - check: "pain.nrs is unknown"
            then:
              - ask:
                  datum: pain.nrs
                  why: The clinic policy needs the NRS before any procedure.
                  unlocks: [facet-rfa]
          - id: MY-LOW-001
            title: Pain score below the clinic's review threshold
            cites: [MY-POLICY]
            when:
              - check: "pain.nrs < param.myMinNrs"
            then:
              - caution:
                  group: elective
                  reason: documentation-required
                  severity: advisory
                  text: "NRS {pain.nrs} is below the clinic's review threshold of {param.myMinNrs}."
          - id: MY-UNSCORED-001
            title: A recent medial branch block without documented relief
            cites: [MY-POLICY]
            when:
              - match: procedure
                as: block
                where: "procedure == medial-branch-block and reliefPercent is unknown"
                within: 12 months
            then:
              - derive: { conclusion: myUnscoredBlock, with: { date: block.date } }
          - id: MY-DEFER-001
            title: Defer radiofrequency ablation until the block is scored
            cites: [MY-POLICY]
            when:
              - match: myUnscoredBlock
                as: unscored
            then:
              - withhold:
                  procedure: facet-rfa
                  reason: insufficient-response
                  text: "The medial branch block of {unscored.date} has no documented relief."
                  until: the relief of that block is documented
        """;

    /// <summary>Four scenarios, one per rule, the threshold tested on both sides (NRS 3 and 4).</summary>
    internal const string Scenarios = """
        scenarios:
          - id: MY-S-001
            description: No NRS -> the clinic asks for it
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 20 }
            expect:
              informationNeeded: [pain.nrs]
              fired: [MY-ASK-001]
              notFired: [MY-LOW-001]
          - id: MY-S-002
            description: NRS 3, one under the threshold -> advisory caution
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 20, nrs: 3 }
            expect:
              fired: [MY-LOW-001]
              notFired: [MY-ASK-001]
          - id: MY-S-003
            description: NRS 4, at the threshold -> no caution
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 20, nrs: 4 }
            expect:
              notFired: [MY-LOW-001, MY-ASK-001]
          - id: MY-S-004
            description: An unscored medial branch block -> RFA withheld until it is scored
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 40, nrs: 7 }
              priorProcedures:
                - { procedure: medial-branch-block, region: lumbar, date: 2026-09-25 }
            expect:
              withheld: [facet-rfa]
              fired: [MY-UNSCORED-001, MY-DEFER-001]
        """;

    [Test]
    public void Validate_OwnFolderOutsideTheRepository_PassesAgainstTheShippedVocabulary()
    {
        using var folder = OwnFolder(out var path);

        var result = CliRunner.Run("validate", path);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.LastLine.Should().StartWith($"2 files checked (1 rule sets, 4 rules, 0 concept sets, 0 profiles, 4 scenarios; with the {RuleBaseLoader.DefaultRuleFiles.Count} shipped rule files): 0 errors, ");
    }

    [Test]
    public void Validate_OwnFolderWithNoDefaults_ReportsTheConceptsOnlyTheShippedVocabularyDeclares()
    {
        using var folder = OwnFolder(out var path);

        var result = CliRunner.Run("validate", path, "--no-defaults");

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Lines.Should().Contain(l => l.Contains("error SD0203: unknown procedure 'facet-rfa'", StringComparison.Ordinal));
    }

    [Test]
    public void Validate_OwnFolder_HidesTheShippedFilesWarnings()
    {
        using var folder = OwnFolder(out var path);

        var result = CliRunner.Run("validate", path);

        result.Lines.Should().NotContain(l => l.Contains("warning SD1008", StringComparison.Ordinal));
    }

    [Test]
    public void Validate_OwnFolderWithAll_ShowsTheShippedFilesWarnings()
    {
        using var folder = OwnFolder(out var path);

        var result = CliRunner.Run("validate", path, "--all");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Lines.Should().Contain(l => l.StartsWith("facet/facet.yaml(", StringComparison.Ordinal) && l.Contains("warning SD1008", StringComparison.Ordinal));
    }

    [Test]
    public void Validate_ShippedRuleShadowedByAnOwnRule_IsShownWithoutAll()
    {
        using var folder = OwnFolder(out var path);

        var result = CliRunner.Run("validate", path);

        // The shipped VA-ASK-NRS-001 asks for pain.nrs when it is unknown and more holds; MY-ASK-001 asks whenever it is
        // unknown. The warning sits at the shipped rule but names the user's file, so it is about the user's rules.
        result.Lines.Should().Contain(l => l.Contains("warning SD1002", StringComparison.Ordinal) && l.Contains("'MY-ASK-001' at " + path, StringComparison.Ordinal));
    }

    [Test]
    public void Validate_CopyOfAShippedRuleSetUnderAnotherName_ReplacesItInsteadOfDuplicatingIt()
    {
        using var folder = new TempFolder();
        folder.Write("mine/facet-copy.yaml", File.ReadAllText(Path.Combine(CliRunner.RulesFolder, "facet", "facet.yaml")));

        var result = CliRunner.Run("validate", Path.Combine(folder.Path, "mine"));

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Out.Should().NotContain("SD0201");
    }

    [Test]
    public void Validate_EditedShippedFileAtItsOwnPath_ReplacesIt()
    {
        using var folder = new TempFolder();
        var shipped = File.ReadAllText(Path.Combine(CliRunner.RulesFolder, "facet", "facet.yaml"));
        folder.Write("rules/facet/facet.yaml", shipped + "\n# edited: the text differs from the shipped file's\n");

        var result = CliRunner.Run("validate", Path.Combine(folder.Path, "rules"));

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Out.Should().NotContain("SD0201");
    }

    [Test]
    public void Validate_EditedShippedRuleSetAtAnotherPath_SaysHowToReplaceTheShippedOne()
    {
        using var folder = new TempFolder();
        var shipped = File.ReadAllText(Path.Combine(CliRunner.RulesFolder, "facet", "facet.yaml"));
        folder.Write("mine/facet.yaml", shipped + "\n# edited\n");

        var result = CliRunner.Run("validate", Path.Combine(folder.Path, "mine"));

        result.ExitCode.Should().Be(ExitCodes.Failed);
        result.Out.Should().Contain("error SD0201").And.Contain("keep your copy at its path inside rules/").And.Contain("--no-defaults");
    }

    [Test]
    public void Test_OwnFolder_RunsTheYmlScenariosAgainstOwnAndShippedRules()
    {
        using var folder = OwnFolder(out var path);

        var result = CliRunner.Run("test", path);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.LastLine.Should().Be("4 passed, 0 failed");
    }

    [Test]
    public void Coverage_OwnFolder_CountsOnlyItsOwnRules()
    {
        using var folder = OwnFolder(out var path);

        var result = CliRunner.Run("coverage", path, "--min", "100");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.LastLine.Should().Be($"Coverage: 4 of 4 rules in {path} fired (100.0 %)");
    }

    [Test]
    public void Coverage_OwnFolderWithAll_CountsTheShippedRulesToo()
    {
        using var folder = OwnFolder(out var path);
        var shipped = new ScenarioRunner(RuleBaseLoader.DefaultRuleFiles).EngineFor(null).RuleCount;

        var result = CliRunner.Run("coverage", path, "--all");

        result.LastLine.Should().StartWith("Coverage: ").And.Contain($" of {shipped + 4} rules fired");
    }

    [Test]
    public void Explain_CaseWithOwnRules_AppliesThemWithTheShippedRules()
    {
        using var folder = OwnFolder(out var path);
        var file = folder.Write("case.yaml", """
            assessmentDate: 2026-11-01
            pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 40, nrs: 7 }
            priorProcedures:
              - { procedure: medial-branch-block, region: lumbar, date: 2026-09-25 }
            """);

        var result = CliRunner.Run("explain", file, "--rules", path);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Out);
        result.Out.Should().Contain("MY-DEFER-001").And.Contain("FACET-");
    }

    private static TempFolder OwnFolder(out string path)
    {
        var folder = new TempFolder();
        folder.Write("my-rules/my-clinic.yml", RuleSet);
        folder.Write("my-rules/my-clinic.scenarios.yml", Scenarios);
        path = Path.Combine(folder.Path, "my-rules").Replace('\\', '/');
        return folder;
    }
}
