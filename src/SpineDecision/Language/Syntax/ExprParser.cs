using System.Collections.Immutable;
using System.Globalization;

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
internal sealed class ExprParser
{
    private readonly string _text;
    private int _pos;

    private ExprParser(string text) => _text = text;

    public static ExprNode Parse(string text)
    {
        var parser = new ExprParser(text);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (parser._pos < text.Length)
        {
            throw new ExprSyntaxException(parser._pos, $"unexpected '{parser.Rest()}'");
        }

        return node;
    }

    private ExprNode ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or", out var at))
        {
            left = new BinaryNode(at, "or", left, ParseAnd());
        }

        return left;
    }

    private ExprNode ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and", out var at))
        {
            left = new BinaryNode(at, "and", left, ParseNot());
        }

        return left;
    }

    private ExprNode ParseNot()
    {
        if (TryKeyword("not", out var at))
        {
            return new UnaryNode(at, "not", ParseNot());
        }

        return ParseCompare();
    }

    private ExprNode ParseCompare()
    {
        var left = ParseSum();
        SkipSpace();
        foreach (var op in (string[])["==", "!=", "<=", ">=", "<", ">"])
        {
            if (TrySymbol(op, out var at))
            {
                return new BinaryNode(at, op, left, ParseSum());
            }
        }

        var save = _pos;
        var negated = TryKeyword("not", out var notAt);
        if (TryKeyword("in", out var inAt))
        {
            return new InNode(negated ? notAt : inAt, left, ParseList(), negated);
        }

        _pos = save;
        if (TryKeyword("is", out var isAt))
        {
            if (TryKeyword("known", out _))
            {
                return new KnownNode(isAt, left, Known: true);
            }

            if (TryKeyword("unknown", out _))
            {
                return new KnownNode(isAt, left, Known: false);
            }

            throw new ExprSyntaxException(_pos, "expected 'known' or 'unknown' after 'is'");
        }

        if (_pos < _text.Length && _text[_pos] == '=')
        {
            throw new ExprSyntaxException(_pos, "use '==' to compare");
        }

        return left;
    }

    private ImmutableArray<ExprNode> ParseList()
    {
        Expect('[', "expected '[' to start the list after 'in'");
        var items = ImmutableArray.CreateBuilder<ExprNode>();
        SkipSpace();
        if (TrySymbol("]", out _))
        {
            return items.ToImmutable();
        }

        do
        {
            items.Add(ParseSum());
        }
        while (TrySymbol(",", out _));

        Expect(']', "expected ',' or ']' in the list");
        return items.ToImmutable();
    }

    private ExprNode ParseSum()
    {
        var left = ParseProduct();
        while (true)
        {
            if (TrySymbol("+", out var at))
            {
                left = new BinaryNode(at, "+", left, ParseProduct());
            }
            else if (TrySymbol("-", out at))
            {
                left = new BinaryNode(at, "-", left, ParseProduct());
            }
            else
            {
                return left;
            }
        }
    }

    private ExprNode ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            if (TrySymbol("*", out var at))
            {
                left = new BinaryNode(at, "*", left, ParseUnary());
            }
            else if (TrySymbol("/", out at))
            {
                left = new BinaryNode(at, "/", left, ParseUnary());
            }
            else
            {
                return left;
            }
        }
    }

    private ExprNode ParseUnary()
    {
        if (TrySymbol("-", out var at))
        {
            return new UnaryNode(at, "-", ParseUnary());
        }

        return ParsePrimary();
    }

    private ExprNode ParsePrimary()
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

            return new NumberLiteral(start, number);
        }

        if (c is '\'' or '"')
        {
            var end = _text.IndexOf(c, _pos + 1);
            if (end < 0)
            {
                throw new ExprSyntaxException(start, "the text literal is not closed");
            }

            _pos = end + 1;
            return new StringLiteral(start, _text[(start + 1)..end]);
        }

        if (c == '(')
        {
            _pos++;
            var inner = ParseOr();
            Expect(')', "expected ')'");
            return inner;
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
                        return new BooleanLiteral(start, true);
                    case "false":
                        return new BooleanLiteral(start, false);
                    case "and" or "or" or "not" or "in" or "is":
                        throw new ExprSyntaxException(start, $"expected a value, not the keyword '{segments[0]}'");
                }

                SkipSpace();
                if (_pos < _text.Length && _text[_pos] == '(')
                {
                    _pos++;
                    var args = ImmutableArray.CreateBuilder<ExprNode>();
                    SkipSpace();
                    if (!TrySymbol(")", out _))
                    {
                        do
                        {
                            args.Add(ParseOr());
                        }
                        while (TrySymbol(",", out _));

                        Expect(')', "expected ',' or ')' in the argument list");
                    }

                    return new CallNode(start, segments[0], args.ToImmutable());
                }
            }

            return new PathNode(start, segments.ToImmutable());
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
}

/// <summary>A syntax error at <see cref="Offset"/> in an expression; turned into a located diagnostic by the checker.</summary>
internal sealed class ExprSyntaxException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}
