using System.Globalization;
using System.Linq.Expressions;
using SpineDecision.Compilation;

namespace SpineDecision.Facts;

/// <summary>A field the rule language can read from a fact, and how to read it.</summary>
internal sealed class FieldDef
{
    private readonly Func<Expression, Expression> _access;
    private Func<object, object?>? _getter;

    public FieldDef(string name, DataType type, Func<Expression, Expression> access, string description, bool demographic = false)
    {
        Name = name;
        Type = type;
        _access = access;
        Description = description;
        Demographic = demographic;
    }

    public string Name { get; }

    public DataType Type { get; }

    public string Description { get; }

    /// <summary>Whether the field is a demographic input (age, sex, date of birth) for ONC source attributes.</summary>
    public bool Demographic { get; }

    /// <summary>The typed member access on an instance of the fact's CLR type (nullable result).</summary>
    public Expression Access(Expression instance) => _access(instance);

    /// <summary>Reads the field from a boxed fact; used only to write explanations.</summary>
    public object? Read(object fact)
    {
        _getter ??= BuildGetter(fact.GetType());
        return _getter(fact);
    }

    /// <summary>The value as an explanation shows it: dates as yyyy-MM-dd, numbers invariant.</summary>
    public string? Format(object fact) => FormatValue(Read(fact), Type);

    public static string? FormatValue(object? value, DataType type) => value switch
    {
        null => null,
        int day when type.Kind == ValueKind.Date => DateOnly.FromDayNumber(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        long mask when type.Kind == ValueKind.Levels => Cases.SpinalLevels.Format(mask),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private Func<object, object?> BuildGetter(Type clrType)
    {
        var fact = Expression.Parameter(typeof(object), "fact");
        var body = Expression.Convert(Access(Expression.Convert(fact, clrType)), typeof(object));
        return TieredCompiler.Compile(Expression.Lambda<Func<object, object?>>(body, fact));
    }
}
