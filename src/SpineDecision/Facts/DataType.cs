namespace SpineDecision.Facts;

/// <summary>The kinds of value the rule language knows.</summary>
internal enum ValueKind
{
    Number,
    Boolean,
    Date,
    Concept,
    Text,

    /// <summary>A set of spinal levels (see <see cref="Cases.SpinalLevels"/>).</summary>
    Levels,
}

/// <summary>A rule-language type; concept types name their vocabulary set.</summary>
/// <remarks>CLR representation (always nullable, null = unknown): number → double?, boolean → bool?,
/// date → int? (DateOnly.DayNumber), levels → long? (a <see cref="Cases.SpinalLevels"/> mask), concept and text → string.</remarks>
internal sealed record DataType(ValueKind Kind, string? ConceptSet = null)
{
    public static readonly DataType Number = new(ValueKind.Number);
    public static readonly DataType Boolean = new(ValueKind.Boolean);
    public static readonly DataType Date = new(ValueKind.Date);
    public static readonly DataType Text = new(ValueKind.Text);
    public static readonly DataType Levels = new(ValueKind.Levels);

    public static DataType Concept(string set) => new(ValueKind.Concept, set);

    public Type ClrType => Kind switch
    {
        ValueKind.Number => typeof(double?),
        ValueKind.Boolean => typeof(bool?),
        ValueKind.Date => typeof(int?),
        ValueKind.Levels => typeof(long?),
        _ => typeof(string),
    };

    /// <summary>Whether a value of this type can be compared with one of <paramref name="other"/>.</summary>
    public bool ComparableWith(DataType other) =>
        Kind == other.Kind && (Kind != ValueKind.Concept || ConceptSet == other.ConceptSet);

    public override string ToString() => Kind switch
    {
        ValueKind.Concept => $"concept({ConceptSet})",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
