using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Hostile;

/// <summary>
/// Time windows, count bounds, parameter defaults and profile overrides are range-checked at load: a value that would
/// overflow, wrap around or silently mean something else is a located SD0104 (or a syntax error), never a rule that
/// loads. Each limit is tested on both sides.
/// </summary>
[TestFixture]
public sealed class NumberValidationTests
{
    private static string RuleFile(string within = "12 months", string atLeast = "1", string atMost = "", string parameter = "6", string unit = "weeks") =>
        TestRules.Header("numbers") + $"""
        parameters:
          - id: threshold
            unit: {unit}
            default: {parameter}
            description: A threshold.
            sources: [SRC]
        rules:
          - id: NUM-001
            title: Counted
            cites: [SRC]
            when:
              - check: "pain.durationWeeks >= param.threshold"
              - count: procedure
                as: blocks
                where: "procedure == medial-branch-block"
                within: {within}
                atLeast: {atLeast}
        {(atMost.Length == 0 ? string.Empty : $"        atMost: {atMost}\n")}    then:
              - recommend:
                  procedure: epidural-steroid-injection
                  intent: therapeutic
                  strength: recommended
                  rationale: Counted.
        """;

    private static string Profile(string value) => """
        profile:
          id: hostile
          title: Hostile profile
          description: Sets the threshold.
          sources: [SRC]
        parameters:
          threshold: 
        """ + value + "\n";

    private static IReadOnlyList<RuleDiagnostic> Errors(params RuleSourceFile[] files) => LoadErrors.Of(files);

    private static IReadOnlyList<RuleDiagnostic> Errors(string yaml) => LoadErrors.Of(new RuleSourceFile("numbers.yaml", yaml));

    [TestCase("1 day")]
    [TestCase("36500 days")]
    [TestCase("5214 weeks")]
    [TestCase("1200 months")]
    [TestCase("100 years")]
    public void LoadAndCheck_WindowUpToAHundredYears_Loads(string within)
    {
        var errors = Errors(RuleFile(within: within));

        errors.Should().BeEmpty();
    }

    [TestCase("0 days")]
    [TestCase("36501 days")]
    [TestCase("5215 weeks")]
    [TestCase("1201 months")]
    [TestCase("101 years")]
    [TestCase("99999999 years")]
    [TestCase("2147483648 days")]
    [TestCase("613566757 weeks")] // 7 × 613566757 wraps around to 3 days in 32-bit arithmetic
    [TestCase("99999999999999999999999 days")]
    public void LoadAndCheck_WindowOutOfRange_ReportsTheWindowWhereItIsWritten(string within)
    {
        var yaml = RuleFile(within: within);

        var errors = Errors(yaml);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d => d.Code == "SD0104"
            && d.Location.Line == TestRules.LineOf(yaml, "within:") && d.Message.StartsWith("'within' must be from 1 day to 100 years (36500 days)", StringComparison.Ordinal));
    }

    [TestCase("-1 days")]
    [TestCase("2.5 weeks")]
    [TestCase("1e308 days")]
    [TestCase(".nan days")]
    [TestCase(".inf days")]
    [TestCase(".nan")]
    public void LoadAndCheck_WindowNotAWholeNumber_ReportsTheExpectedForm(string within)
    {
        var errors = Errors(RuleFile(within: within));

        errors.Should().ContainSingle().Which.Message.Should().StartWith("'within' must be a whole number and a unit");
    }

    [TestCase("1", "")]
    [TestCase("5000", "")]
    [TestCase("1", "0")]
    [TestCase("1", "5000")]
    [TestCase("param.threshold - 5", "param.threshold - 6")]
    public void LoadAndCheck_CountBoundsInRange_Load(string atLeast, string atMost)
    {
        var errors = Errors(RuleFile(atLeast: atLeast, atMost: atMost));

        errors.Should().BeEmpty();
    }

    [TestCase("0", "", "'atLeast' must be a whole number from 1 to 5000; '0' is 0")]
    [TestCase("-1", "", "'atLeast' must be a whole number from 1 to 5000; '-1' is -1")]
    [TestCase("2.5", "", "'atLeast' must be a whole number from 1 to 5000; '2.5' is 2.5")]
    [TestCase("5001", "", "'atLeast' must be a whole number from 1 to 5000; '5001' is 5001")]
    [TestCase("2147483648", "", "'atLeast' must be a whole number from 1 to 5000; '2147483648' is 2147483648")]
    [TestCase("1000000000000", "", "'atLeast' must be a whole number from 1 to 5000")]
    [TestCase("param.threshold / 4", "", "'atLeast' must be a whole number from 1 to 5000; 'param.threshold / 4' is 1.5")]
    [TestCase("1", "-1", "'atMost' must be a whole number from 0 to 5000; '-1' is -1")]
    [TestCase("1", "param.threshold - 7", "'atMost' must be a whole number from 0 to 5000; 'param.threshold - 7' is -1")]
    public void LoadAndCheck_CountBoundOutOfRange_ReportsItWhereItIsWritten(string atLeast, string atMost, string message)
    {
        var yaml = RuleFile(atLeast: atLeast, atMost: atMost);

        var errors = Errors(yaml);

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d => d.Code == "SD0104"
            && d.Location.Line == TestRules.LineOf(yaml, atMost.Length > 0 && !message.Contains("atLeast") ? "atMost:" : "atLeast:") && d.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [TestCase("1e308")]
    [TestCase(".nan")]
    [TestCase(".inf")]
    public void LoadAndCheck_CountBoundWrittenAsAFloatLiteral_IsAnExpressionSyntaxError(string atLeast)
    {
        var errors = Errors(RuleFile(atLeast: atLeast));

        errors.Should().ContainSingle().Which.Code.Should().Be("SD0207");
    }

    [TestCase("0", "weeks")]
    [TestCase("100000", "weeks")]
    [TestCase("100", "percent")]
    [TestCase("0.5", "weeks")]
    public void LoadAndCheck_ParameterDefaultInRange_Loads(string value, string unit)
    {
        var errors = Errors(RuleFile(parameter: value, unit: unit));

        errors.Should().BeEmpty();
    }

    [TestCase("-1", "weeks", "parameter 'threshold' must be from 0 to 100000; its default is -1")]
    [TestCase("100001", "weeks", "parameter 'threshold' must be from 0 to 100000; its default is 100001")]
    [TestCase("2147483648", "weeks", "parameter 'threshold' must be from 0 to 100000; its default is 2147483648")]
    [TestCase("1e308", "weeks", "parameter 'threshold' must be from 0 to 100000; its default is 1E+308")]
    [TestCase("101", "percent", "parameter 'threshold' must be from 0 to 100 percent; its default is 101")]
    [TestCase(".nan", "weeks", "'default' must be a number, not '.nan'")]
    [TestCase(".inf", "weeks", "'default' must be a number, not '.inf'")]
    [TestCase("-.inf", "weeks", "'default' must be a number, not '-.inf'")]
    public void LoadAndCheck_ParameterDefaultOutOfRange_ReportsTheParameter(string value, string unit, string message)
    {
        var errors = Errors(RuleFile(parameter: value, unit: unit));

        // An unreadable default also drops the parameter, so the rule that uses it reports it unknown as well.
        errors[0].Should().Match<RuleDiagnostic>(d => d.Code == "SD0104" && d.Message == message);
    }

    [TestCase("0")]
    [TestCase("100000")]
    public void LoadAndCheck_ProfileOverrideInRange_Loads(string value)
    {
        var errors = Errors(new RuleSourceFile("numbers.yaml", RuleFile(atLeast: "1")), new RuleSourceFile("profile.yaml", Profile(value)));

        errors.Should().BeEmpty();
    }

    [TestCase("-1", "SD0104", "parameter 'threshold' must be from 0 to 100000; profile 'hostile' is -1")]
    [TestCase("100001", "SD0104", "parameter 'threshold' must be from 0 to 100000; profile 'hostile' is 100001")]
    [TestCase("1e308", "SD0104", "parameter 'threshold' must be from 0 to 100000; profile 'hostile' is 1E+308")]
    [TestCase(".nan", "SD0206", "parameter 'threshold' is a number; '.nan' is not")]
    [TestCase(".inf", "SD0206", "parameter 'threshold' is a number; '.inf' is not")]
    public void LoadAndCheck_ProfileOverrideOutOfRange_ReportsItInTheProfile(string value, string code, string message)
    {
        var errors = Errors(new RuleSourceFile("numbers.yaml", RuleFile()), new RuleSourceFile("profile.yaml", Profile(value)));

        errors.Should().ContainSingle().Which.Should().Match<RuleDiagnostic>(d => d.Code == code && d.Location.File == "profile.yaml" && d.Message == message);
    }

    [Test]
    public void LoadAndCheck_CountBoundValidOnlyUnderTheDefaults_NamesTheProfileWhereItIsNot()
    {
        var errors = Errors(new RuleSourceFile("numbers.yaml", RuleFile(atLeast: "param.threshold - 5")), new RuleSourceFile("profile.yaml", Profile("5")));

        errors.Should().ContainSingle().Which.Message.Should().Be("'atLeast' must be a whole number from 1 to 5000; 'param.threshold - 5' is 0 under profile 'hostile'");
    }
}
