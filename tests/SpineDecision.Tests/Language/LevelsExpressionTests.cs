using SpineDecision.Diagnostics;
using SpineDecision.Tests.Engine;
using SpineDecision.Tests.Hostile;

namespace SpineDecision.Tests.Language;

/// <summary>Level sets in rule expressions: <c>overlaps</c> takes two level sets, and a level is never compared with text.</summary>
[TestFixture]
public sealed class LevelsExpressionTests
{
    private static string RuleFile(string where) =>
        TestRules.Header("levels") + $"""
        rules:
          - id: LVL-001
            title: Levels
            cites: [SRC]
            when:
              - exists: procedure
                where: "{where}"
            then:
              - recommend:
                  procedure: epidural-steroid-injection
                  intent: therapeutic
                  strength: recommended
                  rationale: Levels.
        """;

    private static IReadOnlyList<RuleDiagnostic> Errors(string yaml) => LoadErrors.Of(new RuleSourceFile("levels.yaml", yaml));

    [TestCase("overlaps(levels, referral.levels)")]
    [TestCase("levels is known and not overlaps(levels, referral.levels)")]
    [TestCase("levels == referral.levels")]
    public void LoadAndCheck_LevelSetsCompared_Loads(string where)
    {
        var errors = Errors(RuleFile(where));

        errors.Should().BeEmpty();
    }

    [TestCase("overlaps(levels, 'L4-L5')")]
    [TestCase("levels == 'L4-L5'")]
    [TestCase("overlaps(levelCount, referral.levels)")]
    [TestCase("levels > referral.levels")]
    public void LoadAndCheck_LevelSetWithAnotherType_ReportsALocatedError(string where)
    {
        var yaml = RuleFile(where);

        var errors = Errors(yaml);

        errors.Should().ContainSingle().Which.Location.Line.Should().Be(TestRules.LineOf(yaml, "where:"));
    }
}
