using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SpineDecision.Language.Syntax;

/// <summary>
/// Parses the closed condition grammar:
/// <code>
/// expr    := or
/// or      := and ('or' and)*
/// and     := not ('and' not)*
/// not     := 'not' not | compare
/// compare := sum (('=='|'!='|'&lt;'|'&lt;='|'&gt;'|'&gt;=') sum | 'not'? 'in' '[' items ']' | 'is' ('known'|'unknown'))?
/// sum     := product (('+'|'-') product)*
/// product := unary (('*'|'/') unary)*
/// unary   := '-' unary | primary
/// primary := number | 'text' | true | false | name ('.' name)* | function '(' args ')' | '(' expr ')'
/// </code>
/// Names may contain inner hyphens (concept ids such as <c>medial-branch-block</c>); write subtraction with spaces.
/// </summary>
/// <remarks>
/// Stack-safe by construction: the depth of an expression is the height of its tree, where every operator (unary or
/// binary, including each link of a left-associative chain such as <c>a + b + c</c>), comparison, membership test,
/// function call and parenthesised group counts one level and a literal or name counts one. Deeper than
/// <see cref="MaxDepth"/> is a syntax error, raised before the parser recurses past it; every later pass over the tree
/// (checker, translator, record equality) is therefore bounded too.
/// </remarks>
internal sealed class ExprParser
{
    /// <summary>The deepest expression accepted (documented in rules/README.md).</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;

    /// <summary>Constructs (operators, groups, calls, lists) open around the current position, counted on the way down.</summary>
    private int _open;

    private ExprParser(string text) => _text = text;

    public static ExprNode Parse(string text)
    {
        var parser = new ExprParser(text);
        var node = parser.ParseOr().Node;
        parser.SkipSpace();
        if (parser._pos < text.Length)
        {
            throw new ExprSyntaxException(parser._pos, $"unexpected '{parser.Rest()}'");
        }

        return node;
    }

    private static ExprSyntaxException TooDeep(int at) =>
        new(at, $"expression nests deeper than {MaxDepth} levels; split it into conclusions or simpler conditions", isTooDeep: true);

    /// <summary>Opens one level on the way down; the tree under it would be deeper than the limit past this point.</summary>
    private void Enter(int at)
    {
        // A backstop: should the limit ever be bypassed, fail with a catchable exception, not a dead process.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (++_open >= MaxDepth)
        {
            throw TooDeep(at);
        }
    }

    private void Leave() => _open--;

    /// <summary>A node over its children (one or two), one level deeper than the deepest of them.</summary>
    private static Parsed Node(ExprNode node, Parsed first, Parsed second = default)
    {
        var depth = 1 + Math.Max(first.Depth, second.Depth);
        if (depth > MaxDepth)
        {
            throw TooDeep(node.Offset);
        }

        return new Parsed(node, depth);
    }

    private Parsed ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or", out var at))
        {
            var right = ParseAnd();
            left = Node(new BinaryNode(at, "or", left.Node, right.Node), left, right);
        }

        return left;
    }

    private Parsed ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and", out var at))
        {
            var right = ParseNot();
            left = Node(new BinaryNode(at, "and", left.Node, right.Node), left, right);
        }

        return left;
    }

    private Parsed ParseNot()
    {
        if (TryKeyword("not", out var at))
        {
            Enter(at);
            var operand = ParseNot();
            Leave();
            return Node(new UnaryNode(at, "not", operand.Node), operand);
        }

        return ParseCompare();
    }

    private Parsed ParseCompare()
    {
        var left = ParseSum();
        SkipSpace();
        foreach (var op in (string[])["==", "!=", "<=", ">=", "<", ">"])
        {
            if (TrySymbol(op, out var at))
            {
                var right = ParseSum();
                return Node(new BinaryNode(at, op, left.Node, right.Node), left, right);
            }
        }

        var save = _pos;
        var negated = TryKeyword("not", out var notAt);
        if (TryKeyword("in", out var inAt))
        {
            var at = negated ? notAt : inAt;
            var (items, deepest) = ParseList(at);
            return Node(new InNode(at, left.Node, items, negated), left, deepest);
        }

        _pos = save;
        if (TryKeyword("is", out var isAt))
        {
            if (TryKeyword("known", out _))
            {
                return Node(new KnownNode(isAt, left.Node, Known: true), left);
            }

            if (TryKeyword("unknown", out _))
            {
                return Node(new KnownNode(isAt, left.Node, Known: false), left);
            }

            throw new ExprSyntaxException(_pos, "expected 'known' or 'unknown' after 'is'");
        }

        if (_pos < _text.Length && _text[_pos] == '=')
        {
            throw new ExprSyntaxException(_pos, "use '==' to compare");
        }

        return left;
    }

    /// <summary>The items of an <c>in</c> list and the deepest of them (the list itself is one level, the membership test's).</summary>
    private (ImmutableArray<ExprNode> Items, Parsed Deepest) ParseList(int at)
    {
        Expect('[', "expected '[' to start the list after 'in'");
        var items = ImmutableArray.CreateBuilder<ExprNode>();
        var deepest = default(Parsed);
        SkipSpace();
        if (TrySymbol("]", out _))
        {
            return (items.ToImmutable(), deepest);
        }

        Enter(at);
        do
        {
            var item = ParseSum();
            items.Add(item.Node);
            deepest = item.Depth > deepest.Depth ? item : deepest;
        }
        while (TrySymbol(",", out _));

        Leave();
        Expect(']', "expected ',' or ']' in the list");
        return (items.ToImmutable(), deepest);
    }

    private Parsed ParseSum()
    {
        var left = ParseProduct();
        while (true)
        {
            string op;
            if (TrySymbol("+", out var at))
            {
                op = "+";
            }
            else if (TrySymbol("-", out at))
            {
                op = "-";
            }
            else
            {
                return left;
            }

            var right = ParseProduct();
            left = Node(new BinaryNode(at, op, left.Node, right.Node), left, right);
        }
    }

    private Parsed ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            string op;
            if (TrySymbol("*", out var at))
            {
                op = "*";
            }
            else if (TrySymbol("/", out at))
            {
                op = "/";
            }
            else
            {
                return left;
            }

            var right = ParseUnary();
            left = Node(new BinaryNode(at, op, left.Node, right.Node), left, right);
        }
    }

    private Parsed ParseUnary()
    {
        if (TrySymbol("-", out var at))
        {
            Enter(at);
            var operand = ParseUnary();
            Leave();
            return Node(new UnaryNode(at, "-", operand.Node), operand);
        }

        return ParsePrimary();
    }

    private Parsed ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new ExprSyntaxException(_pos, "the expression ends too early");
        }

        var start = _pos;
        var c = _text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
            {
                _pos++;
            }

            var literal = _text[start.._pos];
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw new ExprSyntaxException(start, $"'{literal}' is not a number");
            }

            return new Parsed(new NumberLiteral(start, number), 1);
        }

        if (c is '\'' or '"')
        {
            var end = _text.IndexOf(c, _pos + 1);
            if (end < 0)
            {
                throw new ExprSyntaxException(start, "the text literal is not closed");
            }

            _pos = end + 1;
            return new Parsed(new StringLiteral(start, _text[(start + 1)..end]), 1);
        }

        if (c == '(')
        {
            // A group is one level: it costs the parser a level of recursion even though it adds no node.
            Enter(start);
            _pos++;
            var inner = ParseOr();
            Leave();
            Expect(')', "expected ')'");
            if (inner.Depth + 1 > MaxDepth)
            {
                throw TooDeep(start);
            }

            return inner with { Depth = inner.Depth + 1 };
        }

        if (IsNameStart(c))
        {
            var segments = ImmutableArray.CreateBuilder<string>();
            segments.Add(ReadName());
            while (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                if (_pos >= _text.Length || !IsNameStart(_text[_pos]))
                {
                    throw new ExprSyntaxException(_pos, "expected a name after '.'");
                }

                segments.Add(ReadName());
            }

            if (segments.Count == 1)
            {
                switch (segments[0])
                {
                    case "true":
                        return new Parsed(new BooleanLiteral(start, true), 1);
                    case "false":
                        return new Parsed(new BooleanLiteral(start, false), 1);
                    case "and" or "or" or "not" or "in" or "is":
                        throw new ExprSyntaxException(start, $"expected a value, not the keyword '{segments[0]}'");
                }

                SkipSpace();
                if (_pos < _text.Length && _text[_pos] == '(')
                {
                    _pos++;
                    var args = ImmutableArray.CreateBuilder<ExprNode>();
                    var deepest = default(Parsed);
                    SkipSpace();
                    if (!TrySymbol(")", out _))
                    {
                        Enter(start);
                        do
                        {
                            var argument = ParseOr();
                            args.Add(argument.Node);
                            deepest = argument.Depth > deepest.Depth ? argument : deepest;
                        }
                        while (TrySymbol(",", out _));

                        Leave();
                        Expect(')', "expected ',' or ')' in the argument list");
                    }

                    return Node(new CallNode(start, segments[0], args.ToImmutable()), deepest);
                }
            }

            return new Parsed(new PathNode(start, segments.ToImmutable()), 1);
        }

        throw new ExprSyntaxException(start, $"unexpected '{c}'");
    }

    private string ReadName()
    {
        var start = _pos;
        _pos++;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                _pos++;
            }
            else if (c == '-' && _pos + 1 < _text.Length && char.IsAsciiLetterOrDigit(_text[_pos + 1]))
            {
                _pos++;
            }
            else
            {
                break;
            }
        }

        return _text[start.._pos];
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private bool TryKeyword(string keyword, out int at)
    {
        SkipSpace();
        at = _pos;
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) == 0 &&
            (_pos + keyword.Length == _text.Length || !char.IsAsciiLetterOrDigit(_text[_pos + keyword.Length])) &&
            (_pos + keyword.Length == _text.Length || _text[_pos + keyword.Length] is not ('-' or '_' or '.')))
        {
            _pos += keyword.Length;
            return true;
        }

        return false;
    }

    private bool TrySymbol(string symbol, out int at)
    {
        SkipSpace();
        at = _pos;
        if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) != 0)
        {
            return false;
        }

        // '<' must not eat the first half of '<=' and '=' must not be read as '=='.
        if (symbol is "<" or ">" && _pos + 1 < _text.Length && _text[_pos + 1] == '=')
        {
            return false;
        }

        _pos += symbol.Length;
        return true;
    }

    private void Expect(char c, string message)
    {
        SkipSpace();
        if (_pos >= _text.Length || _text[_pos] != c)
        {
            throw new ExprSyntaxException(_pos, message);
        }

        _pos++;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private string Rest() => _pos < _text.Length ? _text[_pos..Math.Min(_text.Length, _pos + 12)] : string.Empty;

    /// <summary>A node and the depth of the tree under it (a group counts one level more than its content).</summary>
    private readonly record struct Parsed(ExprNode Node, int Depth);
}

/// <summary>A syntax error at <see cref="Offset"/> in an expression; turned into a located diagnostic by the checker.</summary>
internal sealed class ExprSyntaxException(int offset, string message, bool isTooDeep = false) : Exception(message)
{
    public int Offset { get; } = offset;

    /// <summary>The expression nests deeper than <see cref="ExprParser.MaxDepth"/> (reported as SD0004, not SD0207).</summary>
    public bool IsTooDeep { get; } = isTooDeep;
}
