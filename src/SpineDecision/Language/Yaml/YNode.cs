using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Yaml;

/// <summary>A YAML node that remembers where it was written. Built only by <see cref="YamlTreeReader"/>.</summary>
internal abstract record YNode(SourceLocation At)
{
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="Quoted"/> distinguishes <c>"null"</c> (a string) from <c>null</c>.</summary>
internal sealed record YScalar(SourceLocation At, string Value, bool Quoted) : YNode(At)
{
    public override string KindName => "a value";

    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YSequence(SourceLocation At, IReadOnlyList<YNode> Items) : YNode(At)
{
    public override string KindName => "a list";
}

/// <summary>A mapping; keys are unique (duplicates are rejected while reading) and keep their own location.</summary>
internal sealed record YMapping(SourceLocation At, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(At)
{
    public override string KindName => "a mapping";
}
