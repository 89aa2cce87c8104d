using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Linq.Expressions;
using SpineDecision.Compilation;
using System.Reflection;

namespace SpineDecision.Cases.Model;

/// <summary>What kind of value a case field holds.</summary>
internal enum CaseFieldKind
{
    Number,
    Integer,
    Boolean,
    Date,
    Concept,
    Text,
    TextList,
    Object,
    List,
}

/// <summary>
/// The case format, read once by reflection from the <see cref="PatientCase"/> records and their attributes. Every
/// consumer (reader, validator, rule-language fields, facts, JSON Schema, field reference) walks this tree, so a
/// field is declared in exactly one place: its property. Per-case work uses the compiled getters, never reflection.
/// </summary>
internal static class CaseModel
{
    /// <summary>The case format this library writes and reads natively.</summary>
    public const int CurrentFormat = 2;

    /// <summary>The root: <see cref="PatientCase"/>.</summary>
    public static CaseType Root { get; } = new CaseTypeBuilder().Build(typeof(PatientCase));

    /// <summary>Every record type of the model, root first, in declaration order.</summary>
    public static ImmutableArray<CaseType> Types { get; } = [.. Walk(Root)];

    private static IEnumerable<CaseType> Walk(CaseType type)
    {
        yield return type;
        foreach (var field in type.Fields)
        {
            if (field.Type is { } child)
            {
                foreach (var nested in Walk(child))
                {
                    yield return nested;
                }
            }
        }
    }

    private sealed class CaseTypeBuilder
    {
        private readonly Dictionary<Type, CaseType> _built = [];

        public CaseType Build(Type clrType)
        {
            if (_built.TryGetValue(clrType, out var existing))
            {
                return existing;
            }

            var fields = new List<CaseField>();
            foreach (var property in clrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<DerivedAttribute>() is null && property.CanWrite)
                {
                    fields.Add(Field(clrType, property));
                }
            }

            var derived = clrType.GetMembers(BindingFlags.NonPublic | BindingFlags.Instance)
                .Select(m => (Member: m, Attribute: m.GetCustomAttribute<DerivedAttribute>()))
                .Where(x => x.Attribute is not null)
                .Select(x => new DerivedMember(x.Attribute!.Name, x.Attribute.Description, x.Member))
                .ToImmutableArray();

            var type = new CaseType(clrType, [.. fields], derived);
            _built[clrType] = type;
            return type;
        }

        private CaseField Field(Type owner, PropertyInfo property)
        {
            var propertyType = property.PropertyType;
            var underlying = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
            var concept = property.GetCustomAttribute<ConceptAttribute>();
            var range = property.GetCustomAttribute<ValueRangeAttribute>();
            var fact = property.GetCustomAttribute<FactAttribute>();
            CaseType? child = null;

            CaseFieldKind kind;
            if (underlying == typeof(double))
            {
                kind = CaseFieldKind.Number;
            }
            else if (underlying == typeof(int))
            {
                kind = CaseFieldKind.Integer;
            }
            else if (underlying == typeof(bool))
            {
                kind = CaseFieldKind.Boolean;
            }
            else if (underlying == typeof(DateOnly))
            {
                kind = CaseFieldKind.Date;
            }
            else if (underlying == typeof(string))
            {
                kind = concept is null ? CaseFieldKind.Text : CaseFieldKind.Concept;
            }
            else if (underlying == typeof(IReadOnlyList<string>))
            {
                kind = CaseFieldKind.TextList;
            }
            else if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                kind = CaseFieldKind.List;
                child = Build(underlying.GetGenericArguments()[0]);
                if (fact is null)
                {
                    throw new InvalidOperationException($"{owner.Name}.{property.Name}: a list of records needs [Fact]");
                }
            }
            else if (underlying.IsClass && underlying.Namespace == typeof(PatientCase).Namespace)
            {
                kind = CaseFieldKind.Object;
                child = Build(underlying);
            }
            else
            {
                throw new InvalidOperationException($"{owner.Name}.{property.Name}: the case model has no field kind for {propertyType.Name}");
            }

            return new CaseField(
                Key: JsonName(property.Name),
                Property: property,
                Kind: kind,
                ConceptSet: concept?.Set,
                ConceptDefault: concept?.Default,
                Min: range?.Min,
                Max: range?.Max,
                Unit: property.GetCustomAttribute<UnitAttribute>()?.Unit,
                Required: property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null,
                ForRules: property.GetCustomAttribute<NotForRulesAttribute>() is null,
                IsKey: property.GetCustomAttribute<KeyAttribute>() is not null,
                IsLevels: property.GetCustomAttribute<LevelsAttribute>() is not null,
                Fact: fact,
                Type: child,
                Getters: FieldGetters.Compile(owner, property, kind));
        }
    }

    /// <summary>camelCase, as the case format writes keys.</summary>
    public static string JsonName(string propertyName) => char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}

/// <summary>One record type of the case model.</summary>
internal sealed class CaseType
{
    public CaseType(Type clrType, ImmutableArray<CaseField> fields, ImmutableArray<DerivedMember> derived)
    {
        ClrType = clrType;
        Fields = fields;
        ByKey = fields.ToFrozenDictionary(f => f.Key, StringComparer.Ordinal);
        Derived = derived;
        Key = fields.FirstOrDefault(f => f.IsKey);
        Text = ByKey.GetValueOrDefault("text");
        Create = TieredCompiler.CompileNow(Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(clrType), typeof(object))));
    }

    public Type ClrType { get; }

    /// <summary>The fields in declaration order.</summary>
    public ImmutableArray<CaseField> Fields { get; }

    public FrozenDictionary<string, CaseField> ByKey { get; }

    /// <summary>Computed values the rules read (see <see cref="DerivedAttribute"/>).</summary>
    public ImmutableArray<DerivedMember> Derived { get; }

    /// <summary>The field a list item may be written as alone, if any.</summary>
    public CaseField? Key { get; }

    /// <summary>The free-text field of a documented item no concept covers, if any.</summary>
    public CaseField? Text { get; }

    /// <summary>A new instance with the record's defaults.</summary>
    public Func<object> Create { get; }
}

/// <summary>One field of a case record, as the case format writes it.</summary>
internal sealed record CaseField(
    string Key,
    PropertyInfo Property,
    CaseFieldKind Kind,
    string? ConceptSet,
    string? ConceptDefault,
    double? Min,
    double? Max,
    string? Unit,
    bool Required,
    bool ForRules,
    bool IsKey,
    bool IsLevels,
    FactAttribute? Fact,
    CaseType? Type,
    FieldGetters Getters);

/// <summary>An internal computed property (or method taking the assessment date) the rules read by name.</summary>
internal sealed record DerivedMember(string Name, string Description, MemberInfo Member)
{
    /// <summary>The CLR type of the value (<see cref="double"/>?, <see cref="bool"/>? or <see cref="string"/>).</summary>
    public Type ValueType => Member switch
    {
        PropertyInfo p => p.PropertyType,
        MethodInfo m => m.ReturnType,
        _ => throw new InvalidOperationException(Member.Name),
    };

    /// <summary>The access expression on an instance; <paramref name="assessmentDate"/> is a <see cref="DateOnly"/>.</summary>
    public Expression Access(Expression instance, Expression assessmentDate) => Member switch
    {
        PropertyInfo p => Expression.Property(instance, p),
        MethodInfo m => Expression.Call(instance, m, assessmentDate),
        _ => throw new InvalidOperationException(Member.Name),
    };
}

/// <summary>Typed, compiled getters for one field: values come out without boxing.</summary>
internal sealed class FieldGetters
{
    public Func<object, double?>? Number { get; private init; }

    public Func<object, DateOnly?>? Date { get; private init; }

    public Func<object, string?>? Text { get; private init; }

    public Func<object, object?>? Reference { get; private init; }

    public Func<object, IReadOnlyList<object>?>? List { get; private init; }

    public static FieldGetters Compile(Type owner, PropertyInfo property, CaseFieldKind kind)
    {
        var instance = Expression.Parameter(typeof(object), "instance");
        var access = Expression.Property(Expression.Convert(instance, owner), property);
        Func<object, T> Lambda<T>(Expression body) => TieredCompiler.CompileNow(Expression.Lambda<Func<object, T>>(body, instance));

        return kind switch
        {
            CaseFieldKind.Number or CaseFieldKind.Integer => new FieldGetters { Number = Lambda<double?>(Expression.Convert(access, typeof(double?))) },
            CaseFieldKind.Date => new FieldGetters { Date = Lambda<DateOnly?>(Expression.Convert(access, typeof(DateOnly?))) },
            CaseFieldKind.Concept or CaseFieldKind.Text => new FieldGetters { Text = Lambda<string?>(access) },
            CaseFieldKind.List or CaseFieldKind.TextList => new FieldGetters { List = Lambda<IReadOnlyList<object>?>(Expression.Convert(access, typeof(IReadOnlyList<object>))) },
            CaseFieldKind.Object => new FieldGetters { Reference = Lambda<object?>(Expression.Convert(access, typeof(object))) },
            _ => new FieldGetters(),
        };
    }
}
