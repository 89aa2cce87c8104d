using System.Text;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Language.Syntax;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Hostile;

/// <summary>
/// Every recursive construct of the condition grammar counts towards <see cref="ExprParser.MaxDepth"/>: an expression
/// exactly at the limit loads, compiles and evaluates; one level more is a located SD0004; a hundred times the limit is
/// the same error, never a stack overflow. Run on a small stack so that a regression fails the test, not the host.
/// </summary>
[TestFixture]
public sealed class ExpressionDepthTests
{
    private const int N = ExprParser.MaxDepth;

    private static readonly string[] Constructs = ["unary-minus", "not", "parentheses", "and-chain", "or-chain", "nested-and-or", "sum-chain", "product-chain", "call"];

    /// <summary>A boolean condition whose tree is exactly <paramref name="depth"/> levels deep (depth ≥ 3).</summary>
    private static string Expression(string construct, int depth)
    {
        var text = new StringBuilder();
        switch (construct)
        {
            case "unary-minus": // k minus signs over a name (k + 1), compared (+1)
                text.Insert(0, "-", depth - 2).Append("pain.nrs < 11");
                break;
            case "not": // k 'not' over a comparison (2)
                text.Insert(0, "not ", depth - 2).Append("pain.nrs > 11");
                break;
            case "parentheses": // each group is a level
                text.Append('(', depth - 2).Append("pain.nrs < 11").Append(')', depth - 2);
                break;
            case "and-chain" or "or-chain": // m comparisons (2 each) joined left to right: 2 + (m - 1)
                var op = construct == "and-chain" ? " and " : " or ";
                text.Append("pain.nrs < 11");
                for (var i = 1; i < depth - 1; i++)
                {
                    text.Append(op).Append("pain.nrs < 11");
                }

                break;
            case "nested-and-or": // c and (c or (c and ( ... ))): two levels per step
                var steps = (depth - 2) / 2;
                for (var i = 0; i < steps; i++)
                {
                    text.Append("pain.nrs < 11").Append(i % 2 == 0 ? " and (" : " or (");
                }

                text.Append(depth % 2 == 1 ? "(pain.nrs < 11)" : "pain.nrs < 11").Append(')', steps);
                break;
            case "sum-chain" or "product-chain": // m terms (m levels), compared (+1)
                var arithmetic = construct == "sum-chain" ? "+" : "*";
                text.Append("pain.nrs");
                for (var i = 1; i < depth - 1; i++)
                {
                    text.Append(arithmetic).Append('1');
                }

                text.Append(" > -1");
                break;
            case "call": // abs(abs(…(x)…)): one level per call
                text.Insert(0, "abs(", depth - 2).Append("pain.nrs").Append(')', depth - 2).Append(" > -1");
                break;
        }

        return text.ToString();
    }

    private static string RuleFile(string condition) => TestRules.Header("deep") + $"""
        rules:
          - id: DEEP-001
            title: Deep condition
            cites: [SRC]
            when:
              - check: "{condition}"
            then:
              - recommend:
                  procedure: epidural-steroid-injection
                  intent: therapeutic
                  strength: recommended
                  rationale: Deep.
        """;

    [TestCaseSource(nameof(Constructs))]
    public void Parse_ConstructExactlyAtTheLimit_Parses(string construct)
    {
        var text = Expression(construct, N);

        var act = () => SmallStack.Run(() => ExprParser.Parse(text));

        act.Should().NotThrow();
    }

    [TestCaseSource(nameof(Constructs))]
    public void Parse_ConstructOneLevelPastTheLimit_IsTooDeep(string construct)
    {
        var text = Expression(construct, N + 1);

        var act = () => SmallStack.Run(() => ExprParser.Parse(text));

        act.Should().Throw<ExprSyntaxException>().Which.IsTooDeep.Should().BeTrue();
    }

    [TestCaseSource(nameof(Constructs))]
    public void Parse_ConstructAHundredTimesTheLimit_IsTooDeepWithoutExhaustingTheStack(string construct)
    {
        var text = Expression(construct, 100 * N);

        var act = () => SmallStack.Run(() => ExprParser.Parse(text));

        act.Should().Throw<ExprSyntaxException>().Which.IsTooDeep.Should().BeTrue();
    }

    [TestCaseSource(nameof(Constructs))]
    public void Create_RuleWithConditionAtTheLimit_CompilesAndEvaluates(string construct)
    {
        var yaml = RuleFile(Expression(construct, N));

        var report = SmallStack.Run(() => TestRules.Engine("deep.yaml", yaml).Evaluate(SampleCases.FacetRfa()));

        report.Should().NotBeNull();
    }

    [TestCaseSource(nameof(Constructs))]
    public void LoadAndCheck_RuleWithConditionOnePastTheLimit_ReportsSD0004WhereTheConditionIsWritten(string construct)
    {
        var condition = Expression(construct, N + 1);
        var yaml = RuleFile(condition);

        var act = () => SmallStack.Run(() => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, new RuleSourceFile("deep.yaml", yaml)]));

        var error = act.Should().Throw<RuleLoadException>().Which.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error).Subject;
        error.Code.Should().Be("SD0004");
        error.Location.File.Should().Be("deep.yaml");
        error.Location.Line.Should().Be(TestRules.LineOf(yaml, "check:"));
        error.Location.Column.Should().BeInRange(TestRules.ColumnOf(yaml, condition), TestRules.ColumnOf(yaml, condition) + condition.Length);
        error.Message.Should().StartWith($"expression nests deeper than {N} levels");
    }
}
