namespace SpineDecision.Cli.Test;

/// <summary>
/// Selects scenarios by id: a pattern with <c>*</c> or <c>?</c> is a glob over the whole id, anything else a
/// substring; both ignore case (<c>FACET-S-00*</c>, <c>s-01</c>).
/// </summary>
internal static class ScenarioFilter
{
    public static bool Matches(string id, string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return true;
        }

        return filter.AsSpan().IndexOfAny('*', '?') >= 0
            ? Glob(id.ToUpperInvariant(), filter.ToUpperInvariant())
            : id.Contains(filter, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Iterative wildcard match with backtracking to the last '*': linear in practice, no regex.</summary>
    private static bool Glob(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
