using System.Collections.Immutable;
using SpineDecision.Facts;
using SpineDecision.Language.Model;

namespace SpineDecision.Language.Checking;

internal enum BindingKind
{
    /// <summary>The single case fact, always pattern 0.</summary>
    Case,

    /// <summary>A <c>match:</c> binding; one activation per matching fact.</summary>
    Match,

    /// <summary>The collection of a <c>count:</c>.</summary>
    Count,

    /// <summary>The fact inside an <c>exists:</c>, <c>none:</c> or <c>count:</c>; visible only in its own <c>where</c>.</summary>
    Local,
}

/// <summary>A named fact pattern of a rule. <see cref="Name"/> is also the NRules declaration name.</summary>
internal sealed class FactBinding(string name, FactTypeDef type, BindingKind kind)
{
    public string Name { get; } = name;

    public FactTypeDef Type { get; } = type;

    public BindingKind Kind { get; } = kind;

    /// <summary>For a <c>count:</c> collection with <c>within</c>: the window in days.</summary>
    public int? WindowDays { get; init; }

    /// <summary>For a <c>count:</c> collection: its <c>atLeast</c> bound.</summary>
    public Bound? AtLeast { get; init; }

    public override string ToString() => $"{Name}:{Type.Name}";
}

/// <summary>A typed expression. Every node is three-valued: null means unknown.</summary>
internal abstract record Bound(DataType Type)
{
    public abstract IEnumerable<Bound> Children { get; }

    /// <summary>The declarations this expression reads, so the compiler can place it on the right pattern.</summary>
    public IEnumerable<FactBinding> Uses() => this switch
    {
        BoundField f => [f.Binding],
        BoundCount c => [c.Binding],
        BoundFreesOn f => f.AtLeast.Uses().Append(f.Binding),
        BoundCall { CaseBinding: { } d } call => call.Children.SelectMany(x => x.Uses()).Append(d),
        _ => Children.SelectMany(c => c.Uses()),
    };

    /// <summary>Every field read, for provenance (which demographic inputs a rule uses).</summary>
    public IEnumerable<FieldDef> Fields() => this is BoundField f ? [f.Field] : Children.SelectMany(c => c.Fields());

    /// <summary>Every field read, named as an <c>ask</c> names a datum: a case field by its path (<c>pain.nrs</c>),
    /// any other by its fact type (<c>procedure.reliefPercent</c>).</summary>
    public IEnumerable<string> FieldsRead() => this is BoundField f
        ? [f.Binding.Kind == BindingKind.Case ? f.Field.Name : $"{f.Binding.Type.Name}.{f.Field.Name}"]
        : Children.SelectMany(c => c.FieldsRead());

    /// <summary>Every profile parameter read, by id.</summary>
    public IEnumerable<string> ParametersRead() => this is BoundParameter p ? [p.Parameter.Id] : Children.SelectMany(c => c.ParametersRead());
}

internal sealed record BoundField(FactBinding Binding, FieldDef Field) : Bound(Field.Type)
{
    public override IEnumerable<Bound> Children => [];
}

internal sealed record BoundCount(FactBinding Binding) : Bound(DataType.Number)
{
    public override IEnumerable<Bound> Children => [];
}

/// <summary>
/// <c>&lt;count&gt;.freesOn</c>: the first date on which fewer than <see cref="AtLeast"/> of the counted facts lie in the
/// count's rolling window of <see cref="WindowDays"/> days, if no new fact is added (see <see cref="CountValues"/>).
/// </summary>
internal sealed record BoundFreesOn(FactBinding Binding, FieldDef DateField, int WindowDays, Bound AtLeast) : Bound(DataType.Date)
{
    public override IEnumerable<Bound> Children => [AtLeast];
}

internal sealed record BoundConstant(object? Value, DataType ConstantType) : Bound(ConstantType)
{
    public override IEnumerable<Bound> Children => [];
}

internal sealed record BoundParameter(ParameterDef Parameter) : Bound(Parameter.Type)
{
    public override IEnumerable<Bound> Children => [];
}

internal sealed record BoundUnary(string Operator, Bound Operand) : Bound(Operand.Type)
{
    public override IEnumerable<Bound> Children => [Operand];
}

internal sealed record BoundBinary(string Operator, Bound Left, Bound Right, DataType ResultType) : Bound(ResultType)
{
    public override IEnumerable<Bound> Children => [Left, Right];
}

internal sealed record BoundIn(Bound Value, ImmutableArray<Bound> Items, bool Negated) : Bound(DataType.Boolean)
{
    public override IEnumerable<Bound> Children => Items.Prepend(Value);
}

internal sealed record BoundKnown(Bound Value, bool Known) : Bound(DataType.Boolean)
{
    public override IEnumerable<Bound> Children => [Value];
}

/// <summary>A call to one of the library's functions; date functions read the assessment date from the case.</summary>
internal sealed record BoundCall(FunctionDef Function, ImmutableArray<Bound> Arguments, FactBinding? CaseBinding) : Bound(Function.Result)
{
    public override IEnumerable<Bound> Children => Arguments;
}

/// <summary>Text with <c>{expression}</c> placeholders, bound.</summary>
internal sealed record BoundTemplate(ImmutableArray<object> Parts)
{
    public static readonly BoundTemplate Empty = new([]);

    public IEnumerable<Bound> Expressions => Parts.OfType<Bound>();
}

/// <summary>One checked <c>when:</c> item.</summary>
internal abstract record CheckedCondition;

internal sealed record CheckedCheck(Bound Expression) : CheckedCondition;

/// <summary>A fact pattern: match, exists, none, or count (then <see cref="Collection"/> is the counted collection).</summary>
internal sealed record CheckedPattern(
    ConditionKind Kind,
    FactBinding Fact,
    FactBinding? Collection,
    ImmutableArray<Bound> Conjuncts,
    Bound? AtLeast,
    Bound? AtMost) : CheckedCondition;

internal sealed record CheckedAny(ImmutableArray<CheckedCondition> Alternatives) : CheckedCondition;

/// <summary>One checked <c>then:</c> item.</summary>
internal sealed record CheckedAction(
    ActionDef Definition,
    FactTypeDef? Conclusion,
    ImmutableArray<Bound?> ConclusionValues,
    Concept? Procedure,
    Concept? Approach,
    ImmutableArray<Bound?> Target,
    BoundTemplate Text,
    ImmutableArray<BoundTemplate> Steps,
    ImmutableArray<Concept> Unlocks,
    BoundTemplate? Until = null);

internal sealed record CheckedRule(
    RuleDef Definition,
    ImmutableArray<FactBinding> Declarations,
    ImmutableArray<CheckedCondition> Conditions,
    ImmutableArray<CheckedAction> Actions,
    ImmutableArray<SourceDef> Citations,
    ImmutableArray<string> DemographicInputs,
    ImmutableArray<FieldDef> CaseFieldsRead,
    ImmutableArray<string> Criteria)
{
    public string Id => Definition.Id;
}
