using System.Collections.Immutable;

namespace SpineDecision.Language.Syntax;

/// <summary>The parsed (untyped) expression tree. <see cref="Offset"/> is the character offset in the source text.</summary>
internal abstract record ExprNode(int Offset);

internal sealed record NumberLiteral(int Offset, double Value) : ExprNode(Offset);

internal sealed record StringLiteral(int Offset, string Value) : ExprNode(Offset);

internal sealed record BooleanLiteral(int Offset, bool Value) : ExprNode(Offset);

/// <summary>A dotted name: a field (<c>pain.nrs</c>), a bound fact's field (<c>mbb.reliefPercent</c>), a parameter
/// (<c>param.mbbRelief</c>) or, where a concept is expected, a concept id (<c>lumbar</c>).</summary>
internal sealed record PathNode(int Offset, ImmutableArray<string> Segments) : ExprNode(Offset)
{
    public string Text => string.Join('.', Segments);
}

internal sealed record UnaryNode(int Offset, string Operator, ExprNode Operand) : ExprNode(Offset);

internal sealed record BinaryNode(int Offset, string Operator, ExprNode Left, ExprNode Right) : ExprNode(Offset);

internal sealed record InNode(int Offset, ExprNode Value, ImmutableArray<ExprNode> Items, bool Negated) : ExprNode(Offset);

internal sealed record KnownNode(int Offset, ExprNode Value, bool Known) : ExprNode(Offset);

internal sealed record CallNode(int Offset, string Function, ImmutableArray<ExprNode> Arguments) : ExprNode(Offset);
