using System.Globalization;
using System.Text;

namespace SpineDecision.Cases;

/// <summary>
/// Spinal levels as the rule language reads them: a set of motion segments (a facet joint or disc level such as
/// <c>L4-L5</c>) and single vertebrae (a root, a medial branch or a fractured body such as <c>L5</c>), packed in one
/// <see cref="long"/>. Unknown (no levels written) is <see langword="null"/>.
/// </summary>
/// <remarks>
/// <para>Spellings: <c>L4-L5</c>, <c>L4/5</c>, <c>L4-5</c>, <c>L4/L5</c>, <c>l4–l5</c> (any dash, any case, spaces allowed),
/// <c>L5-S1</c>, <c>C7-T1</c>, <c>T12-L1</c>; a span of more than one segment (<c>L4-S1</c>, a fusion) is every segment in
/// it (<c>L4-L5</c>, <c>L5-S1</c>); one entry may list several levels separated by commas or semicolons. The lower level is
/// written first; a shorthand with a lower second number (<c>L5-1</c>) is rejected rather than guessed.</para>
/// <para>Vertebrae C1–C7, T1–T12, L1–L5, S1–S5. A transitional L6 or T13 is rejected (an honest limitation: such a
/// case names its levels in text).</para>
/// <para>Overlap: two sets overlap when they share a segment or a vertebra, or when a vertebra of one is an end of a
/// segment of the other: <c>L4</c> touches <c>L3-L4</c> and <c>L4-L5</c>. CPT 64490–64495 and 64633–64636 count facet
/// joint levels, so joint levels are the expected spelling. A single vertebra may mean a root, a vertebral body or a
/// medial branch; under the medial-branch reading the L4 branch also supplies the joint below (L5-S1), which this
/// reading misses - a documented gap (rules/README.md §12) left to clinical review.</para>
/// </remarks>
internal static class SpinalLevels
{
    private const int SegmentShift = 32;

    private static readonly string[] Vertebrae = [.. Names('C', 7), .. Names('T', 12), .. Names('L', 5), .. Names('S', 5)];

    private static IEnumerable<string> Names(char region, int count) =>
        Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{region}{i}"));

    /// <summary>The level set of a list of entries; unknown when the list is absent or empty or an entry is malformed
    /// (the case validator reports it).</summary>
    public static long? Of(IReadOnlyList<string>? entries)
    {
        if (entries is not { Count: > 0 })
        {
            return null;
        }

        long mask = 0;
        foreach (var entry in entries)
        {
            if (TryParse(entry, out var part, out _))
            {
                mask |= part;
            }
            else
            {
                return null;
            }
        }

        return mask;
    }

    /// <summary>The level set of one entry; unknown when absent or malformed.</summary>
    public static long? Of(string? entry) => entry is not null && TryParse(entry, out var mask, out _) ? mask : null;

    /// <summary>Whether two level sets share a level (see the remarks); unknown when either is unknown.</summary>
    public static bool? Overlaps(long? a, long? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return null;
        }

        long xv = x & uint.MaxValue, yv = y & uint.MaxValue;
        long xs = x >>> SegmentShift, ys = y >>> SegmentShift;
        return (xs & ys) != 0 || (xv & yv) != 0 || (xv & Ends(ys)) != 0 || (yv & Ends(xs)) != 0;
    }

    /// <summary>The vertebrae that bound the segments of <paramref name="segments"/> (segment i joins vertebrae i and i + 1).</summary>
    private static long Ends(long segments) => segments | (segments << 1);

    /// <summary>The canonical spelling: segments and vertebrae from head to tail, comma separated.</summary>
    public static string Format(long mask)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Vertebrae.Length; i++)
        {
            if ((mask & (1L << (SegmentShift + i))) != 0)
            {
                Append(text, $"{Vertebrae[i]}-{Vertebrae[i + 1]}");
            }

            if ((mask & (1L << i)) != 0)
            {
                Append(text, Vertebrae[i]);
            }
        }

        return text.ToString();

        static void Append(StringBuilder text, string level) => text.Append(text.Length == 0 ? string.Empty : ", ").Append(level);
    }

    /// <summary>Parses one entry, with a message naming what is wrong when it is not a level.</summary>
    /// <remarks>Every evaluation runs it (the case validator, then the facts), so a valid entry allocates nothing: the
    /// entry is cut into spans and a vertebra's index is computed from its region and number.</remarks>
    public static bool TryParse(string entry, out long mask, out string? error)
    {
        mask = 0;
        error = null;
        var rest = entry.AsSpan();
        while (!rest.IsEmpty)
        {
            var cut = rest.IndexOfAny(',', ';');
            var part = (cut < 0 ? rest : rest[..cut]).Trim();
            rest = cut < 0 ? [] : rest[(cut + 1)..];
            if (part.IsEmpty)
            {
                continue;
            }

            if (!TryParseOne(part, out var levels, out error))
            {
                mask = 0;
                return false;
            }

            mask |= levels;
        }

        if (mask == 0)
        {
            error = "is not a spinal level; write it as L4-L5, L4/5 or L5";
            return false;
        }

        return true;
    }

    private static bool TryParseOne(ReadOnlySpan<char> s, out long mask, out string? error)
    {
        mask = 0;
        var pos = 0;
        if (!Vertebra(s, ref pos, null, out var upper, out var region, out error))
        {
            return false;
        }

        SkipSpaces(s, ref pos);
        if (pos == s.Length)
        {
            mask = 1L << upper;
            return true;
        }

        if (s[pos] is not ('-' or '/' or '\u2013' or '\u2014'))
        {
            error = $"'{s}' is not a spinal level; write it as L4-L5, L4/5 or L5";
            return false;
        }

        pos++;
        SkipSpaces(s, ref pos);
        var shorthand = pos < s.Length && char.IsAsciiDigit(s[pos]);
        if (!Vertebra(s, ref pos, shorthand ? region : null, out var lower, out _, out error))
        {
            error = $"'{s}' is not a spinal level; write it as L4-L5, L4/5 or L5";
            return false;
        }

        SkipSpaces(s, ref pos);
        if (pos != s.Length)
        {
            error = $"'{s}' is not a spinal level; write it as L4-L5, L4/5 or L5";
            return false;
        }

        if (lower <= upper)
        {
            error = $"'{s}' is not a spinal level: write the upper level first (L4-L5, L5-S1), and a level below another region in full (L5-S1, not L5-1)";
            return false;
        }

        for (var i = upper; i < lower; i++)
        {
            mask |= 1L << (SegmentShift + i);
        }

        return true;
    }

    private static bool Vertebra(ReadOnlySpan<char> s, ref int pos, char? impliedRegion, out int index, out char region, out string? error)
    {
        index = -1;
        region = impliedRegion ?? '\0';
        error = null;
        SkipSpaces(s, ref pos);
        if (impliedRegion is null)
        {
            if (pos >= s.Length || char.ToUpperInvariant(s[pos]) is not ('C' or 'T' or 'L' or 'S'))
            {
                error = $"'{s}' is not a spinal level; a level starts with C, T, L or S (L4-L5, L4/5, L5)";
                return false;
            }

            region = char.ToUpperInvariant(s[pos]);
            pos++;
        }

        var start = pos;
        var number = 0;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]) && pos - start < 2)
        {
            number = (number * 10) + (s[pos] - '0');
            pos++;
        }

        // The index in Vertebrae: the region's first vertebra plus the number; no leading zero ("L05" is not a name).
        var (first, count) = region switch { 'C' => (0, 7), 'T' => (7, 12), 'L' => (19, 5), _ => (24, 5) };
        if (pos == start || s[start] == '0' || number > count)
        {
            error = $"'{s}' is not a spinal level; the vertebrae are C1-C7, T1-T12, L1-L5 and S1-S5";
            return false;
        }

        index = first + number - 1;
        return true;
    }

    private static void SkipSpaces(ReadOnlySpan<char> s, ref int pos)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos]))
        {
            pos++;
        }
    }
}
