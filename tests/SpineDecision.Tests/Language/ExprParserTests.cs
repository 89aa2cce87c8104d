using SpineDecision.Language.Syntax;

namespace SpineDecision.Tests.Language;

/// <summary>The closed condition grammar: precedence, membership, known/unknown, names with hyphens, error offsets.</summary>
[TestFixture]
public sealed class ExprParserTests
{
    [TestCase("a or b and c", "(a or (b and c))")]
    [TestCase("a and b or c", "((a and b) or c)")]
    [TestCase("not a and b", "((not a) and b)")]
    [TestCase("not not a", "(not (not a))")]
    [TestCase("not a == b", "(not (a == b))")]
    [TestCase("1 + 2 * 3", "(1 + (2 * 3))")]
    [TestCase("(1 + 2) * 3", "((1 + 2) * 3)")]
    [TestCase("a - b - c", "((a - b) - c)")]
    [TestCase("a / b / c", "((a / b) / c)")]
    [TestCase("-a * b", "((-a) * b)")]
    [TestCase("a - -b", "(a - (-b))")]
    [TestCase("x + 1 >= y * 2", "((x + 1) >= (y * 2))")]
    [TestCase("a < b and c <= d", "((a < b) and (c <= d))")]
    [TestCase("a > b or c >= d", "((a > b) or (c >= d))")]
    [TestCase("a != b", "(a != b)")]
    [TestCase("x in [a, b] and y", "((x in [a, b]) and y)")]
    [TestCase("x not in [a, b]", "(x not in [a, b])")]
    [TestCase("not x in [a]", "(not (x in [a]))")]
    [TestCase("x in []", "(x in [])")]
    [TestCase("x + 1 in [2, 3]", "((x + 1) in [2, 3])")]
    [TestCase("x is known", "(x is known)")]
    [TestCase("x is unknown or x < 3", "((x is unknown) or (x < 3))")]
    [TestCase("not x is known", "(not (x is known))")]
    [TestCase("daysSince(p.date) > 30", "(daysSince(p.date) > 30)")]
    [TestCase("max(a, b + 1)", "max(a, (b + 1))")]
    [TestCase("f()", "f()")]
    [TestCase("'text' == \"other\"", "('text' == 'other')")]
    [TestCase("true and false", "(true and false)")]
    [TestCase(".5 + 1.25", "(0.5 + 1.25)")]
    public void Parse_Expression_GroupsByPrecedence(string text, string expected)
    {
        var node = ExprParser.Parse(text);

        Show(node).Should().Be(expected);
    }

    [TestCase("medial-branch-block", "medial-branch-block")]
    [TestCase("procedure == medial-branch-block", "(procedure == medial-branch-block)")]
    [TestCase("a-b", "a-b")]
    [TestCase("a - b", "(a - b)")]
    [TestCase("a -b", "(a - b)")]
    [TestCase("a- b", "(a - b)")]
    [TestCase("pain.durationWeeks - 4", "(pain.durationWeeks - 4)")]
    [TestCase("l4-l5", "l4-l5")]
    public void Parse_Hyphen_IsPartOfANameOnlyBetweenLettersOrDigits(string text, string expected)
    {
        var node = ExprParser.Parse(text);

        Show(node).Should().Be(expected);
    }

    [TestCase("evaluation == not-cleared", "(evaluation == not-cleared)")]
    [TestCase("order == 1", "(order == 1)")]
    [TestCase("index in [isolated, android]", "(index in [isolated, android])")]
    [TestCase("notable and island", "(notable and island)")]
    [TestCase("in_x or is_y", "(in_x or is_y)")]
    [TestCase("not.field", "not.field")]
    public void Parse_NameStartingWithAKeyword_IsAName(string text, string expected)
    {
        var node = ExprParser.Parse(text);

        Show(node).Should().Be(expected);
    }

    [Test]
    public void Parse_DottedPath_KeepsItsSegments()
    {
        var node = ExprParser.Parse("param.mbbReliefPercent");

        node.Should().BeOfType<PathNode>().Which.Segments.Should().Equal("param", "mbbReliefPercent");
    }

    [Test]
    public void Parse_NotIn_IsLocatedAtNot()
    {
        var node = ExprParser.Parse("x not in [a]");

        node.Should().BeOfType<InNode>().Which.Should().Match<InNode>(n => n.Negated && n.Offset == 2);
    }

    [Test]
    public void Parse_BinaryOperator_IsLocatedAtTheOperator()
    {
        var node = ExprParser.Parse("pain.nrs >= 7");

        node.Should().BeOfType<BinaryNode>().Which.Offset.Should().Be(9);
    }

    [TestCase("pain.nrs = 3", 9, "use '==' to compare")]
    [TestCase("pain.nrs >=", 11, "the expression ends too early")]
    [TestCase("", 0, "the expression ends too early")]
    [TestCase("(a and b", 8, "expected ')'")]
    [TestCase("x in a", 5, "expected '[' to start the list after 'in'")]
    [TestCase("x in [a, b", 10, "expected ',' or ']' in the list")]
    [TestCase("x is nothing", 5, "expected 'known' or 'unknown' after 'is'")]
    [TestCase("a and 'open", 6, "the text literal is not closed")]
    [TestCase("pain.", 5, "expected a name after '.'")]
    [TestCase("and", 0, "expected a value, not the keyword 'and'")]
    [TestCase("a and or", 6, "expected a value, not the keyword 'or'")]
    [TestCase("a b", 2, "unexpected 'b'")]
    [TestCase("a == 1.2.3", 5, "'1.2.3' is not a number")]
    [TestCase("a # b", 2, "unexpected '# b'")]
    [TestCase("x not y", 2, "unexpected 'not y'")]
    [TestCase("max(a b)", 6, "expected ',' or ')' in the argument list")]
    [TestCase("a == b == c", 7, "unexpected '== c'")]
    public void Parse_SyntaxError_ReportsTheOffsetAndWhatWasExpected(string text, int offset, string message)
    {
        var act = () => ExprParser.Parse(text);

        var e = act.Should().Throw<ExprSyntaxException>().Which;
        e.Offset.Should().Be(offset);
        e.Message.Should().Be(message);
    }

    /// <summary>A fully parenthesised rendering that makes the tree's shape visible.</summary>
    private static string Show(ExprNode node) => node switch
    {
        NumberLiteral n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StringLiteral s => $"'{s.Value}'",
        BooleanLiteral b => b.Value ? "true" : "false",
        PathNode p => p.Text,
        UnaryNode { Operator: "not" } u => $"(not {Show(u.Operand)})",
        UnaryNode u => $"({u.Operator}{Show(u.Operand)})",
        BinaryNode b => $"({Show(b.Left)} {b.Operator} {Show(b.Right)})",
        InNode i => $"({Show(i.Value)} {(i.Negated ? "not in" : "in")} [{string.Join(", ", i.Items.Select(Show))}])",
        KnownNode k => $"({Show(k.Value)} is {(k.Known ? "known" : "unknown")})",
        CallNode c => $"{c.Function}({string.Join(", ", c.Arguments.Select(Show))})",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}
