using SpineDecision.Cases;
using SpineDecision.Compilation;
using SpineDecision.Diagnostics;
using SpineDecision.Reports;
using SpineDecision.Tests.Engine;
using SpineDecision.Tests.Hostile;

namespace SpineDecision.Tests.Language;

/// <summary>
/// <c>&lt;count&gt;.freesOn</c>: the first day on which fewer than <c>atLeast</c> counted facts are left in the count's
/// rolling window (rules/README.md §4.1), so a rolling-window limit can say when it stops applying.
/// </summary>
[TestFixture]
public sealed class CountFreesOnTests
{
    private const string Rules = """
        rules:
          - id: WIN-001
            title: Four blocks in the rolling 12 months
            cites: [SRC]
            when:
              - count: procedure
                as: blocks
                where: "procedure == medial-branch-block"
                within: 12 months
                atLeast: 4
            then:
              - withhold:
                  procedure: medial-branch-block
                  reason: frequency-limit
                  text: "{blocks.count} blocks; possible on {blocks.freesOn}."
                  until: "{blocks.freesOn}"
          - id: WIN-002
            title: Two RF sessions in 26 weeks, a slot free within 30 days
            cites: [SRC]
            when:
              - count: procedure
                as: ablations
                where: "procedure == facet-rfa"
                within: 26 weeks
                atLeast: 2
              - check: "ablations.freesOn - assessmentDate <= 30"
            then:
              - withhold:
                  procedure: facet-rfa
                  reason: frequency-limit
                  text: "Possible on {ablations.freesOn}."
                  until: "{ablations.freesOn}"
        """;

    private static readonly Lazy<SpineDecisionEngine> Engine = new(() => TestRules.Engine("window.yaml", TestRules.Header("window") + Rules));

    private static DateOnly Day(int daysFromAssessment) => SampleCases.AssessmentDate.AddDays(daysFromAssessment);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static PriorProcedure Prior(string procedure, int daysAgo) =>
        new() { Procedure = procedure, Region = "lumbar", Date = Day(-daysAgo), ReliefPercent = 80 };

    private static PatientCase Case(params PriorProcedure[] prior) => SampleCases.FacetRfaWithBlocks(prior);

    private static WithheldProcedure? Withheld(PatientCase patientCase, string rule) =>
        Engine.Value.Evaluate(patientCase).Withheld.SingleOrDefault(w => w.Rule.RuleId == rule);

    [TestCase(364, 2)]
    [TestCase(365, 1)]
    public void Evaluate_FourInTheWindow_FreesTheDayAfterTheOldestHasBeenInTheWindowFor365Days(int oldestDaysAgo, int freesInDays)
    {
        var patientCase = Case(Prior("medial-branch-block", oldestDaysAgo), Prior("medial-branch-block", 200), Prior("medial-branch-block", 100), Prior("medial-branch-block", 10));

        var withheld = Withheld(patientCase, "WIN-001");

        withheld.Should().NotBeNull();
        withheld!.Reassess.Should().Be(Iso(Day(freesInDays)));
        withheld.Text.Should().Be($"4 blocks; possible on {Iso(Day(freesInDays))}.");
    }

    [Test]
    public void Evaluate_OldestOf4Is366DaysAgo_OnlyThreeCountSoNothingIsWithheld()
    {
        var patientCase = Case(Prior("medial-branch-block", 366), Prior("medial-branch-block", 200), Prior("medial-branch-block", 100), Prior("medial-branch-block", 10));

        var withheld = Withheld(patientCase, "WIN-001");

        withheld.Should().BeNull();
    }

    [Test]
    public void Evaluate_FiveInTheWindowForALimitOfFour_FreesWhenTheSecondOldestLeaves()
    {
        var patientCase = Case(Prior("medial-branch-block", 300), Prior("medial-branch-block", 250), Prior("medial-branch-block", 200), Prior("medial-branch-block", 100), Prior("medial-branch-block", 10));

        var withheld = Withheld(patientCase, "WIN-001");

        withheld!.Reassess.Should().Be(Iso(Day(-250 + 366)));
    }

    [Test]
    public void Evaluate_TwoOldestOnTheSameDay_FreesWhenBothLeave()
    {
        var patientCase = Case(Prior("medial-branch-block", 300), Prior("medial-branch-block", 300), Prior("medial-branch-block", 200), Prior("medial-branch-block", 100), Prior("medial-branch-block", 10));

        var withheld = Withheld(patientCase, "WIN-001");

        withheld!.Reassess.Should().Be(Iso(Day(-300 + 366)));
    }

    [Test]
    public void Evaluate_ListedOutOfDateOrder_UsesTheDatesNotTheListOrder()
    {
        var patientCase = Case(Prior("medial-branch-block", 10), Prior("medial-branch-block", 100), Prior("medial-branch-block", 340), Prior("medial-branch-block", 200));

        var withheld = Withheld(patientCase, "WIN-001");

        withheld!.Reassess.Should().Be(Iso(Day(-340 + 366)));
    }

    [TestCase(153, true)]
    [TestCase(152, false)]
    public void Evaluate_FreesOnReadInACondition_DecidesOnItsValue(int olderDaysAgo, bool withheld)
    {
        // 26 weeks = 182 days: the older session frees a slot 183 days after it, i.e. in 30 days (153 ago) or 31 (152 ago).
        var patientCase = Case(Prior("facet-rfa", olderDaysAgo), Prior("facet-rfa", 20));

        var found = Withheld(patientCase, "WIN-002");

        (found is not null).Should().Be(withheld);
        if (withheld)
        {
            found!.Reassess.Should().Be(Iso(Day(30)));
        }
    }

    [TestCase(4.0, null)]
    [TestCase(3.0, 100 + 366)]
    [TestCase(2.0, 101 + 366)]
    [TestCase(null, null)]
    public void FreesOn_ThreeDates_IsTheDayTheCountFallsBelowTheLimitOrUnknown(double? atLeast, int? expected)
    {
        int?[] dates = [300, 100, 101];

        var frees = Tri.FreesOn(dates, static d => d, atLeast, 365);

        frees.Should().Be(expected);
    }

    [Test]
    public void FreesOn_AnUnknownDate_IsUnknown()
    {
        int?[] dates = [100, null, 300];

        var frees = Tri.FreesOn(dates, static d => d, 2, 365);

        frees.Should().BeNull();
    }

    private const string BlocksIn12Months = """
              - count: procedure
                as: blocks
                where: "procedure == medial-branch-block"
                within: 12 months
                atLeast: 2
        """;

    [Test]
    public void LoadAndCheck_FreesOnOfACountWithoutWithin_IsALocatedError()
    {
        var (error, line) = LoadError(BlocksIn12Months.Replace("        within: 12 months\n", string.Empty, StringComparison.Ordinal), "until: \"{blocks.freesOn}\"", "blocks.freesOn");

        (error.Code, error.Location.File, error.Location.Line).Should().Be(("SD0205", "bad.yaml", line));
        error.Message.Should().Contain("'blocks.freesOn' needs its count to have 'within'");
    }

    [Test]
    public void LoadAndCheck_FreesOnOfACountWithOnlyAtMost_IsALocatedError()
    {
        var (error, line) = LoadError(BlocksIn12Months.Replace("atLeast", "atMost", StringComparison.Ordinal), "until: \"{blocks.freesOn}\"", "blocks.freesOn");

        (error.Code, error.Location.Line).Should().Be(("SD0205", line));
        error.Message.Should().Contain("'atLeast' (the limit)");
    }

    [Test]
    public void LoadAndCheck_MisspeltCountValue_SuggestsFreesOn()
    {
        var (error, line) = LoadError(BlocksIn12Months, "until: \"{blocks.freeson}\"", "blocks.freeson");

        (error.Code, error.Location.Line).Should().Be(("SD0205", line));
        error.Message.Should().Contain("did you mean 'freesOn'?");
    }

    [Test]
    public void LoadAndCheck_FreesOnComparedWithANumber_IsATypeError()
    {
        var (error, line) = LoadError(BlocksIn12Months + "\n      - check: \"blocks.freesOn > 3\"", "until: \"{blocks.freesOn}\"", "blocks.freesOn > 3");

        (error.Code, error.Location.Line).Should().Be((DiagnosticCodes.TypeMismatch, line));
    }

    /// <summary>The single load error of a rule with these conditions and this <c>until</c>, and the line where
    /// <paramref name="at"/> is written.</summary>
    private static (RuleDiagnostic Error, int Line) LoadError(string conditions, string until, string at)
    {
        var yaml = Rule(conditions, until);

        var errors = LoadErrors.Of(new RuleSourceFile("bad.yaml", yaml));

        return (errors.Should().ContainSingle().Subject, TestRules.LineOf(yaml, at));
    }

    private static string Rule(string conditions, string until) => TestRules.Header("bad") + $"""
        rules:
          - id: BAD-001
            title: A limit
            cites: [SRC]
            when:
        {conditions}
            then:
              - withhold:
                  procedure: medial-branch-block
                  reason: frequency-limit
                  text: A limit.
                  {until}
        """;
}
