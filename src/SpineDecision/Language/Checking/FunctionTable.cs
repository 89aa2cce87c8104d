using System.Collections.Frozen;
using System.Reflection;
using SpineDecision.Facts;

namespace SpineDecision.Language.Checking;

/// <summary>A function rules may call: the closed table of DESIGN §3 (no other method calls exist).</summary>
/// <param name="Name">The name used in expressions.</param>
/// <param name="Parameters">Argument types.</param>
/// <param name="Result">Result type.</param>
/// <param name="UsesAssessmentDate">Whether the case's assessment date is passed as a hidden first argument.</param>
/// <param name="Method">A static method taking the CLR types of the parameters and returning the result's CLR type.</param>
internal sealed record FunctionDef(string Name, DataType[] Parameters, DataType Result, bool UsesAssessmentDate, MethodInfo Method);

internal sealed class FunctionTable
{
    public static readonly FunctionTable Default = new(
    [
        Def("daysSince", [DataType.Date], true, nameof(BuiltInFunctions.DaysSince)),
        Def("weeksSince", [DataType.Date], true, nameof(BuiltInFunctions.WeeksSince)),
        Def("monthsSince", [DataType.Date], true, nameof(BuiltInFunctions.MonthsSince)),
        Def("min", [DataType.Number, DataType.Number], false, nameof(BuiltInFunctions.Min)),
        Def("max", [DataType.Number, DataType.Number], false, nameof(BuiltInFunctions.Max)),
        Def("abs", [DataType.Number], false, nameof(BuiltInFunctions.Abs)),
        new("overlaps", [DataType.Levels, DataType.Levels], DataType.Boolean, false, typeof(Cases.SpinalLevels).GetMethod(nameof(Cases.SpinalLevels.Overlaps))!),
    ]);

    private readonly FrozenDictionary<string, FunctionDef> _functions;

    public FunctionTable(IEnumerable<FunctionDef> functions) =>
        _functions = functions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public IEnumerable<string> Names => _functions.Keys.Order(StringComparer.Ordinal);

    public FunctionDef? Find(string name) => _functions.GetValueOrDefault(name);

    public FunctionTable With(FunctionDef function) => new(_functions.Values.Where(f => f.Name != function.Name).Append(function));

    private static FunctionDef Def(string name, DataType[] parameters, bool usesDate, string method) =>
        new(name, parameters, DataType.Number, usesDate, typeof(BuiltInFunctions).GetMethod(method)!);
}

/// <summary>The built-in functions. Unknown in, unknown out.</summary>
internal static class BuiltInFunctions
{
    /// <summary>A month is 365/12 days, consistent with <c>within: N months</c>.</summary>
    public const double DaysPerMonth = 365.0 / 12.0;

    public static double? DaysSince(int? assessmentDate, int? date) => assessmentDate - date;

    public static double? WeeksSince(int? assessmentDate, int? date) => (assessmentDate - date) / 7.0;

    public static double? MonthsSince(int? assessmentDate, int? date) => (assessmentDate - date) / DaysPerMonth;

    public static double? Min(double? a, double? b) => a is null || b is null ? null : Math.Min(a.Value, b.Value);

    public static double? Max(double? a, double? b) => a is null || b is null ? null : Math.Max(a.Value, b.Value);

    public static double? Abs(double? a) => a is null ? null : Math.Abs(a.Value);
}
