using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Linq.Expressions;
using SpineDecision.Compilation;
using System.Reflection;
using SpineDecision.Cases;
using SpineDecision.Cases.Model;

namespace SpineDecision.Facts;

/// <summary>
/// The case model as the rule language sees it, derived from <see cref="CaseModel"/>: the <c>case</c> fields (dotted
/// paths such as <c>pain.nrs</c>, plus <c>documented.&lt;list&gt;</c> for every list) and one fact type per case list
/// (<c>procedure</c>, <c>imaging</c>, …). One table, so the checker, compiler, explanations and documentation cannot
/// disagree; <see cref="CaseFactBuilder"/> follows the same plans.
/// </summary>
internal static class FactSchema
{
    private static readonly MethodInfo DaysMethod = typeof(FactSchema).GetMethod(nameof(Days), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo LevelListMethod = typeof(SpinalLevels).GetMethod(nameof(SpinalLevels.Of), [typeof(IReadOnlyList<string>)])!;
    private static readonly MethodInfo LevelMethod = typeof(SpinalLevels).GetMethod(nameof(SpinalLevels.Of), [typeof(string)])!;

    static FactSchema()
    {
        var lists = new List<ListPlan>();
        var shape = new Shape(Expression.Parameter(typeof(CaseFact), "c"));
        CaseFields(CaseModel.Root, string.Empty, Expression.Property(shape.Fact, nameof(CaseFact.Value)), [], shape, lists);

        Case = new FactTypeDef("case", typeof(CaseFact), shape.Fields, "the patient case");
        CaseSlots = [.. shape.Slots];
        Lists = [.. lists];
        ListTypes = lists.ToFrozenDictionary(l => l.Type.Name, l => l.Type, StringComparer.Ordinal);
    }

    /// <summary>The <c>case</c> fact type.</summary>
    public static FactTypeDef Case { get; }

    /// <summary>The concept values of the case fact, in slot order.</summary>
    public static ImmutableArray<ConceptSlot> CaseSlots { get; }

    /// <summary>The list fact types by name.</summary>
    public static FrozenDictionary<string, FactTypeDef> ListTypes { get; }

    /// <summary>How to turn each case list into facts, parents before the lists nested in their items.</summary>
    public static ImmutableArray<ListPlan> Lists { get; }

    /// <summary>Every concept set the schema refers to; the vocabulary must declare each.</summary>
    public static IEnumerable<string> ConceptSets =>
        CaseModel.Types.SelectMany(t => t.Fields).Select(f => f.ConceptSet).OfType<string>().Append("procedure").Append("approach")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Adds the fields of <paramref name="type"/> reachable from the case without entering a list.</summary>
    private static void CaseFields(CaseType type, string prefix, Expression record, ImmutableArray<CaseField> route, Shape shape, List<ListPlan> lists)
    {
        foreach (var field in type.Fields)
        {
            var name = prefix + field.Key;
            switch (field.Kind)
            {
                case CaseFieldKind.Object:
                    CaseFields(field.Type!, name + ".", Expression.Property(record, field.Property), route.Add(field), shape, lists);
                    break;
                case CaseFieldKind.List:
                    shape.Add("documented." + name, DataType.Boolean,
                        Expression.Convert(Expression.NotEqual(Expression.Property(record, field.Property), Expression.Constant(null)), typeof(bool?)),
                        $"{name} was documented ([] counts as documented)");
                    ListPlan.Add(field, route.Add(field), parent: null, lists);
                    break;
                default:
                    shape.Scalar(prefix, field, record);
                    break;
            }
        }

        shape.DerivedOf(type, prefix, record);
    }

    /// <summary>The rule-language type of a value read as <paramref name="clrType"/> (see <see cref="DataType.ClrType"/>).</summary>
    private static DataType TypeOf(Type clrType) =>
        clrType == typeof(double?) ? DataType.Number
        : clrType == typeof(bool?) ? DataType.Boolean
        : clrType == typeof(int?) ? DataType.Date
        : clrType == typeof(long?) ? DataType.Levels
        : DataType.Text;

    /// <summary>Dates are day numbers in the rule language.</summary>
    private static int? Days(DateOnly? date) => date?.DayNumber;

    /// <summary>Collects a fact type's fields and concept slots against a template parameter.</summary>
    internal sealed class Shape(ParameterExpression fact)
    {
        public ParameterExpression Fact { get; } = fact;

        public List<FieldDef> Fields { get; } = [];

        public List<ConceptSlot> Slots { get; } = [];

        public void Add(string name, DataType type, Expression body, string description)
        {
            Fields.RemoveAll(f => f.Name == name);
            var template = Fact;
            Fields.Add(new FieldDef(name, type, instance => new Replace(template, instance).Visit(body), description,
                demographic: name is "patient.age" or "patient.sex"));
        }

        /// <summary>Adds a scalar rule field read from <paramref name="record"/>; concepts read their resolved slot.</summary>
        public void Scalar(string prefix, CaseField field, Expression record)
        {
            if (!field.ForRules || Fields.Any(f => f.Name == prefix + field.Key))
            {
                return;
            }

            var value = Expression.Property(record, field.Property);
            Expression? body = field.Kind switch
            {
                _ when field.IsLevels => Expression.Call(field.Kind == CaseFieldKind.TextList ? LevelListMethod : LevelMethod, value),
                CaseFieldKind.Number or CaseFieldKind.Integer => Expression.Convert(value, typeof(double?)),
                CaseFieldKind.Boolean => Expression.Convert(value, typeof(bool?)),
                CaseFieldKind.Date => Expression.Call(DaysMethod, Expression.Convert(value, typeof(DateOnly?))),
                CaseFieldKind.Text => value,
                CaseFieldKind.Concept => Expression.ArrayIndex(Expression.Property(Fact, nameof(CaseFact.Concepts)), Expression.Constant(Slots.Count)),
                _ => null,
            };
            if (body is null)
            {
                return;
            }

            if (field.Kind == CaseFieldKind.Concept)
            {
                // The builder fills the slot from the fact itself: the same member path, compiled once.
                var fact = Expression.Parameter(typeof(object), "fact");
                var read = new Replace(Fact, Expression.Convert(fact, Fact.Type)).Visit(value);
                Slots.Add(new ConceptSlot(field, TieredCompiler.CompileNow(Expression.Lambda<Func<object, string?>>(read, fact))));
            }

            Add(prefix + field.Key, field.Kind == CaseFieldKind.Concept ? DataType.Concept(field.ConceptSet!) : TypeOf(body.Type), body, field.Key);
        }

        /// <summary>Adds the computed values of <paramref name="type"/>, each replacing an input of the same name.</summary>
        public void DerivedOf(CaseType type, string prefix, Expression record)
        {
            foreach (var derived in type.Derived)
            {
                Add(prefix + derived.Name, TypeOf(derived.ValueType), derived.Access(record, Expression.Property(Fact, nameof(CaseFact.AssessmentDate))), derived.Description);
            }
        }
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>A concept-valued field whose value the fact builder resolves against the vocabulary, once per case.</summary>
/// <param name="Field">The case field.</param>
/// <param name="Read">Reads the value as written, from the fact (its item, or its parent item).</param>
internal sealed record ConceptSlot(CaseField Field, Func<object, string?> Read)
{
    public string Set => Field.ConceptSet!;

    public string? Default => Field.ConceptDefault;
}

/// <summary>How one case list becomes facts: where its items are, their fact type and concept slots, and a factory.</summary>
internal sealed class ListPlan
{
    private ListPlan(FactTypeDef type, ImmutableArray<ConceptSlot> slots, ListPlan? parent,
        Func<object, IReadOnlyList<object>?> items, Func<object, object?, string?[], CaseFact, object> create)
    {
        Type = type;
        Slots = slots;
        Parent = parent;
        Items = items;
        Create = create;
    }

    public FactTypeDef Type { get; }

    /// <summary>The item's concept slots, then its parent's.</summary>
    public ImmutableArray<ConceptSlot> Slots { get; }

    /// <summary>The list whose items hold this one (an imaging finding's study list), if nested.</summary>
    public ListPlan? Parent { get; }

    /// <summary>The list, read from the case (or, when nested, from a parent item).</summary>
    public Func<object, IReadOnlyList<object>?> Items { get; }

    /// <summary>A new fact: (item, parent item, concept slots to fill, the case fact whose list holds it).</summary>
    public Func<object, object?, string?[], CaseFact, object> Create { get; }

    /// <summary>Plans the list at the end of <paramref name="route"/> and every list nested in its items.</summary>
    public static void Add(CaseField list, ImmutableArray<CaseField> route, ListPlan? parent, List<ListPlan> plans)
    {
        var itemType = list.Type!;
        var factClr = typeof(ItemFact<>).MakeGenericType(itemType.ClrType);
        var shape = new FactSchema.Shape(Expression.Parameter(factClr, "f"));
        var record = Expression.Property(shape.Fact, nameof(ItemFact<object>.Value));

        foreach (var field in itemType.Fields)
        {
            shape.Scalar(string.Empty, field, record);
        }

        shape.DerivedOf(itemType, string.Empty, record);

        if (parent is not null)
        {
            var parentRecord = Expression.Convert(Expression.Property(shape.Fact, nameof(ItemFact<object>.Parent)), route[^2].Type!.ClrType);
            foreach (var field in route[^2].Type!.Fields)
            {
                shape.Scalar(string.Empty, field, parentRecord);
            }
        }

        var attribute = list.Fact!;
        if (plans.Any(p => p.Type.Name == attribute.Name || p.Type.ClrType == factClr))
        {
            throw new InvalidOperationException($"case list '{list.Key}': fact name '{attribute.Name}' or item type {itemType.ClrType.Name} is used twice");
        }

        var plan = new ListPlan(
            new FactTypeDef(attribute.Name, factClr, shape.Fields, attribute.Description, dateField: attribute.DateField),
            [.. shape.Slots],
            parent,
            Navigate(parent is null ? route : [route[^1]], parent is null ? typeof(PatientCase) : route[^2].Type!.ClrType),
            Factory(factClr, itemType.ClrType));
        plans.Add(plan);

        foreach (var nested in itemType.Fields.Where(f => f.Kind == CaseFieldKind.List))
        {
            Add(nested, [list, nested], plan, plans);
        }
    }

    /// <summary>A compiled getter of the list at the end of <paramref name="route"/>, starting from a <paramref name="root"/>.</summary>
    private static Func<object, IReadOnlyList<object>?> Navigate(ImmutableArray<CaseField> route, Type root)
    {
        var input = Expression.Parameter(typeof(object), "root");
        Expression current = Expression.Convert(input, root);
        foreach (var step in route)
        {
            current = Expression.Property(current, step.Property);
        }

        return TieredCompiler.CompileNow(Expression.Lambda<Func<object, IReadOnlyList<object>?>>(Expression.Convert(current, typeof(IReadOnlyList<object>)), input));
    }

    private static Func<object, object?, string?[], CaseFact, object> Factory(Type factClr, Type itemClr)
    {
        var item = Expression.Parameter(typeof(object), "item");
        var parent = Expression.Parameter(typeof(object), "parent");
        var concepts = Expression.Parameter(typeof(string?[]), "concepts");
        var owner = Expression.Parameter(typeof(CaseFact), "owner");
        var constructor = factClr.GetConstructors().Single();
        var body = Expression.New(constructor, Expression.Convert(item, itemClr), parent, concepts, owner);
        return TieredCompiler.CompileNow(Expression.Lambda<Func<object, object?, string?[], CaseFact, object>>(body, item, parent, concepts, owner));
    }
}
