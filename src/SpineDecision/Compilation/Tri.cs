namespace SpineDecision.Compilation;

/// <summary>
/// Three-valued (Kleene) logic and arithmetic for conditions: null is unknown and propagates. A condition holds
/// only when it is definitely true, so "not (relief ≥ 80)" with relief unknown does not hold either: unknown is
/// never silently false or true. Every operator is a static method (not a lifted LINQ operator) because
/// FastExpressionCompiler emits invalid IL for some lifted nullable operators, and NRules shares method-call nodes
/// reliably.
/// </summary>
internal static class Tri
{
    public static bool IsTrue(bool? a) => a == true;

    public static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;

    public static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    public static bool? Not(bool? a) => a is null ? null : !a.Value;

    public static bool? Equal(string? a, string? b) => a is null || b is null ? null : string.Equals(a, b, StringComparison.Ordinal);

    public static bool? NotEqual(string? a, string? b) => a is null || b is null ? null : !string.Equals(a, b, StringComparison.Ordinal);

    public static bool? Equal(double? a, double? b) => a is null || b is null ? null : a.Value == b.Value;

    public static bool? NotEqual(double? a, double? b) => a is null || b is null ? null : a.Value != b.Value;

    public static bool? Equal(bool? a, bool? b) => a is null || b is null ? null : a.Value == b.Value;

    public static bool? NotEqual(bool? a, bool? b) => a is null || b is null ? null : a.Value != b.Value;

    public static bool? Equal(int? a, int? b) => a is null || b is null ? null : a.Value == b.Value;

    public static bool? NotEqual(int? a, int? b) => a is null || b is null ? null : a.Value != b.Value;

    public static bool? Equal(long? a, long? b) => a is null || b is null ? null : a.Value == b.Value;

    public static bool? NotEqual(long? a, long? b) => a is null || b is null ? null : a.Value != b.Value;

    public static bool? Less(double? a, double? b) => a is null || b is null ? null : a.Value < b.Value;

    public static bool? LessOrEqual(double? a, double? b) => a is null || b is null ? null : a.Value <= b.Value;

    public static bool? Greater(double? a, double? b) => a is null || b is null ? null : a.Value > b.Value;

    public static bool? GreaterOrEqual(double? a, double? b) => a is null || b is null ? null : a.Value >= b.Value;

    public static bool? Less(int? a, int? b) => a is null || b is null ? null : a.Value < b.Value;

    public static bool? LessOrEqual(int? a, int? b) => a is null || b is null ? null : a.Value <= b.Value;

    public static bool? Greater(int? a, int? b) => a is null || b is null ? null : a.Value > b.Value;

    public static bool? GreaterOrEqual(int? a, int? b) => a is null || b is null ? null : a.Value >= b.Value;

    public static double? Add(double? a, double? b) => a + b;

    public static double? Subtract(double? a, double? b) => a - b;

    public static double? Multiply(double? a, double? b) => a * b;

    /// <summary>Division by zero is unknown, not infinity.</summary>
    public static double? Divide(double? a, double? b) => b == 0 ? null : a / b;

    public static double? Negate(double? a) => -a;

    /// <summary>Days between two dates (day numbers).</summary>
    public static double? DaysBetween(int? later, int? earlier) => later - earlier;

    /// <summary>A date minus a number of days.</summary>
    public static int? MinusDays(int? date, double? days) => days is null ? null : date - (int)days.Value;

    /// <summary>A date plus a number of days (whole days; a fraction is dropped).</summary>
    public static int? PlusDays(int? date, double? days) => days is null ? null : date + (int)days.Value;

    public static bool? IsKnown(double? a) => a is not null;

    public static bool? IsKnown(bool? a) => a is not null;

    public static bool? IsKnown(int? a) => a is not null;

    public static bool? IsKnown(string? a) => a is not null;

    public static bool? IsKnown(long? a) => a is not null;

    public static double? Count<T>(IEnumerable<T> items) => items is ICollection<T> collection ? collection.Count : items.Count();

    /// <summary>
    /// The first date on which fewer than <paramref name="atLeast"/> of the items' dates lie in a rolling window of
    /// <paramref name="windowDays"/> days ending on that date, if no item is added: the window keeps a date until
    /// <paramref name="windowDays"/> days after it, so it is the (n − atLeast + 1)-th oldest date plus the window plus one
    /// day. Unknown when fewer than <paramref name="atLeast"/> items are given (no slot needs freeing) or a date is unknown.
    /// </summary>
    public static int? FreesOn<T>(IEnumerable<T> items, Func<T, int?> date, double? atLeast, int windowDays)
    {
        if (atLeast is not { } least || least < 1)
        {
            return null;
        }

        var dates = new List<int>();
        foreach (var item in items)
        {
            if (date(item) is not { } day)
            {
                return null;
            }

            dates.Add(day);
        }

        var limit = (int)Math.Ceiling(least);
        if (dates.Count < limit)
        {
            return null;
        }

        dates.Sort();
        return dates[dates.Count - limit] + windowDays + 1;
    }

    public static bool? In(string? value, string[] set)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var item in set)
        {
            if (string.Equals(item, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
