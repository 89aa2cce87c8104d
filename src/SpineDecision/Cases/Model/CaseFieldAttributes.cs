namespace SpineDecision.Cases.Model;

// The case records are the one declaration of the case format. These attributes add what a C# type cannot say;
// CaseModel reads them once at start-up and derives the reader, the validator, the rule-language field table, the
// fact flattening, the JSON Schema and the field reference from them.

/// <summary>The value names a concept of a vocabulary set (or a code the set's concepts claim).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConceptAttribute(string set) : Attribute
{
    public string Set { get; } = set;

    /// <summary>The concept the rules see when the case leaves the value out (a documented convention, never a guess).</summary>
    public string? Default { get; init; }
}

/// <summary>The inclusive range of a number, with its unit.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ValueRangeAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;

    public double Max { get; } = max;
}

/// <summary>The unit a number is written in, for the schema and the field reference.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class UnitAttribute(string unit) : Attribute
{
    public string Unit { get; } = unit;
}

/// <summary>A list whose items the rules match as facts of this type (<c>procedure</c>, <c>imaging</c>…).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FactAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>The item field a <c>within:</c> time window filters on.</summary>
    public string? DateField { get; init; }
}

/// <summary>
/// The item's key: a list item may be written as this value alone (<c>diagnoses: [disc-herniation]</c>). A keyed
/// item needs its key or, for a documented item no concept covers, its <c>text</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class KeyAttribute : Attribute;

/// <summary>Readable and validated, but not a rule-language field (free text, host identifiers).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotForRulesAttribute : Attribute;

/// <summary>
/// An internal computed property the rules read under <see cref="Name"/>, in place of an input of the same name
/// (for example relief as written, or computed from the pain scores).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method)]
internal sealed class DerivedAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}

/// <summary>Spinal levels (<c>L4-L5</c>, <c>L4/5</c>, <c>L5</c>): validated as levels and read by the rules as a level set
/// (see <see cref="SpinalLevels"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class LevelsAttribute : Attribute;
