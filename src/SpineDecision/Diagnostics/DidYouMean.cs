namespace SpineDecision.Diagnostics;

/// <summary>Suggests the closest known name for a misspelt one (Damerau–Levenshtein, case-insensitive).</summary>
/// <remarks>
/// Bounded on hostile input: a name longer than <see cref="MaxNameLength"/> gets no suggestion (no typo of a known
/// name is that long), and a candidate whose length alone puts it out of reach is skipped without comparing. The cost
/// is then at most candidates × <see cref="MaxNameLength"/>² steps whatever the input, with two reused rows of memory.
/// </remarks>
internal static class DidYouMean
{
    /// <summary>The longest name a suggestion is looked for (documented in rules/README.md).</summary>
    public const int MaxNameLength = 128;

    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        if (given.Length > MaxNameLength)
        {
            return null;
        }

        var allowed = Math.Max(2, given.Length / 3);
        var upper = given.ToUpperInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - given.Length) > Math.Min(allowed, bestDistance) || candidate.Length > MaxNameLength)
            {
                continue;
            }

            var distance = Distance(upper, candidate.ToUpperInvariant(), Math.Min(allowed, bestDistance));
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= allowed ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or an empty string.</summary>
    public static string Hint(string given, IEnumerable<string> candidates) =>
        Suggest(given, candidates) is { } s ? $" (did you mean '{s}'?)" : string.Empty;

    /// <summary>Optimal string alignment distance, row by row: three rows of at most <see cref="MaxNameLength"/> + 1 cells.
    /// Stops as soon as every cell of two consecutive rows exceeds <paramref name="limit"/> (the distance can then only be
    /// larger), returning <paramref name="limit"/> + 1; most unrelated names stop after a few rows.</summary>
    private static int Distance(string a, string b, int limit)
    {
        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], before[j - 2] + 1);
                }
            }

            var rowMin = int.MaxValue;
            var previousMin = int.MaxValue;
            for (var j = 0; j <= b.Length; j++)
            {
                rowMin = Math.Min(rowMin, current[j]);
                previousMin = Math.Min(previousMin, previous[j]);
            }

            // A transposition reaches back two rows, so both rows must be past the limit.
            if (rowMin > limit && previousMin > limit)
            {
                return limit + 1;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}
