using System.Collections.Immutable;

namespace SpineDecision.Language.Checking;

/// <summary>
/// The values a <c>count:</c> binding exposes, declared once: the checker binds <c>&lt;as&gt;.&lt;value&gt;</c> by these
/// names and lists them when one is misspelt, and why-not shows them by them (rules/README.md §4.1).
/// </summary>
internal static class CountValues
{
    /// <summary><c>&lt;as&gt;.count</c>: how many facts satisfy the pattern (a number).</summary>
    public const string Count = "count";

    /// <summary>
    /// <c>&lt;as&gt;.freesOn</c>: for a count with <c>within</c> and <c>atLeast</c>, the first date on which fewer than
    /// <c>atLeast</c> of the counted facts lie in the rolling window, if no new one is added: the date of the
    /// (count − atLeast + 1)-th oldest counted fact plus the window plus one day (a fact exactly the window's length
    /// before the assessment date still counts). Unknown when fewer than <c>atLeast</c> facts are counted.
    /// </summary>
    public const string FreesOn = "freesOn";

    public static ImmutableArray<string> Names { get; } = [Count, FreesOn];
}
