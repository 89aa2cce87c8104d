using System.Collections.Immutable;
using System.Collections.Frozen;

namespace SpineDecision.Facts;

/// <summary>A kind of fact rules can match: a case list (e.g. <c>procedure</c>), the case itself, or a conclusion.</summary>
internal sealed class FactTypeDef
{
    public FactTypeDef(string name, Type clrType, IEnumerable<FieldDef> fields, string description, string? dateField = null, string? conclusionId = null)
    {
        Name = name;
        ClrType = clrType;
        OrderedFields = [.. fields];
        Fields = OrderedFields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        Description = description;
        DateField = dateField;
        ConclusionId = conclusionId;
    }

    public string Name { get; }

    public Type ClrType { get; }

    public FrozenDictionary<string, FieldDef> Fields { get; }

    /// <summary>The fields in declaration order (a conclusion's attribute slots follow it).</summary>
    public ImmutableArray<FieldDef> OrderedFields { get; }

    public string Description { get; }

    /// <summary>The field a <c>within:</c> time window filters on, if the fact has one.</summary>
    public string? DateField { get; }

    /// <summary>Set when this type is a conclusion declared in YAML (facts of one CLR type, told apart by id).</summary>
    public string? ConclusionId { get; }

    public IEnumerable<string> FieldNames => Fields.Keys.Order(StringComparer.Ordinal);
}
