namespace SpineDecision.Testing.Fuzzing;

/// <summary>
/// A seeded, deterministic mutator over YAML and JSON text: byte (character) flips, token deletion and duplication,
/// line (node) swaps, extreme numbers, hostile Unicode, deep nesting, anchors and aliases, long strings and lists.
/// The same seed and input give the same output on every machine.
/// </summary>
public static class Mutator
{
    private static readonly string[] ExtremeNumbers =
    [
        "-1", "0", "2.5", "-0", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308", "1e-320",
        ".nan", ".inf", "-.inf", "NaN", "Infinity", "0x7fffffff", "1_000", "99999999", "0.1e1", "00012", "1e12",
    ];

    private static readonly string[] HostileText =
    [
        "\u202E", "\u2066", "\u2069", "\u200B", "\u200D", "\uFEFF", "\u00AD", "\u0000", "\u0007", "\u001B[31m", "\u0085", "\u2028",
        "\\udc00", "\\ud800\\u0041", "\\ud800", "\\UFFFFFFFF", "\\u12", "\\x", "\\", "\"", "'", "\t", "\r", "\r\n",
        "🙂", "Т", "é", "\uD800", "\uDC00", "%TAG ! tag:x,2000:\n", "!!python/object:os.system", "!x", "&a", "*a", "<<: *a", "? ", "- ", ": ", "{", "}", "[", "]", ",", "#", "|", ">", "---\n", "...\n",
    ];

    private static readonly string[] Nesters = ["-", "not ", "(", "[", "{a: ", "- ", "abs("];

    /// <summary>One mutation of <paramref name="text"/>, chosen by <paramref name="random"/>; sometimes several stacked.</summary>
    public static string Mutate(string text, Random random)
    {
        var rounds = 1 + (random.Next(4) == 0 ? random.Next(4) : 0);
        for (var i = 0; i < rounds; i++)
        {
            text = MutateOnce(text, random);
        }

        return text;
    }

    private static string MutateOnce(string text, Random random)
    {
        if (text.Length == 0)
        {
            return HostileText[random.Next(HostileText.Length)];
        }

        var at = random.Next(text.Length);
        switch (random.Next(12))
        {
            case 0: // flip a character
                return string.Concat(text.AsSpan(0, at), ((char)(text[at] ^ (1 << random.Next(7)))).ToString(), text.AsSpan(at + 1));
            case 1: // delete a token
                {
                    var (start, end) = Token(text, at);
                    return string.Concat(text.AsSpan(0, start), text.AsSpan(end));
                }

            case 2: // duplicate a token
                {
                    var (start, end) = Token(text, at);
                    return text.Insert(end, text[start..end]);
                }

            case 3: // swap two lines (nodes)
                {
                    var lines = text.Split('\n');
                    var (a, b) = (random.Next(lines.Length), random.Next(lines.Length));
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    return string.Join('\n', lines);
                }

            case 4: // an extreme number in place of a number, or anywhere
                {
                    var number = ExtremeNumbers[random.Next(ExtremeNumbers.Length)];
                    var digit = text.IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit < 0)
                    {
                        return text.Insert(at, number);
                    }

                    var end = digit;
                    while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
                    {
                        end++;
                    }

                    return string.Concat(text.AsSpan(0, digit), number, text.AsSpan(end));
                }

            case 5: // hostile Unicode or YAML syntax
                return text.Insert(at, HostileText[random.Next(HostileText.Length)]);
            case 6: // deep nesting inside a value or an expression
                {
                    var nester = Nesters[random.Next(Nesters.Length)];
                    var depth = random.Next(4) switch { 0 => 63, 1 => 65, 2 => 25, _ => random.Next(1, 20_000) };
                    var value = ValueStart(text, at);
                    return text.Insert(value, string.Concat(Enumerable.Repeat(nester, depth)));
                }

            case 7: // anchors and aliases
                {
                    var value = ValueStart(text, at);
                    return random.Next(2) == 0 ? text.Insert(value, "&anchor ") : text.Insert(value, "*anchor ");
                }

            case 8: // a long string
                {
                    var value = ValueStart(text, at);
                    var length = random.Next(3) switch { 0 => 8_192, 1 => 8_193, _ => 100_000 };
                    return text.Insert(value, new string((char)('a' + random.Next(26)), length));
                }

            case 9: // a long flow list
                {
                    var value = ValueStart(text, at);
                    var count = random.Next(2) == 0 ? 5_001 : random.Next(1, 10_000);
                    return text.Insert(value, "[" + string.Join(",", Enumerable.Repeat("x", count)) + "]");
                }

            case 10: // truncate
                return text[..at];
            default: // duplicate a block of lines (duplicate keys, repeated items)
                {
                    var lines = text.Split('\n').ToList();
                    var from = random.Next(lines.Count);
                    var count = Math.Min(lines.Count - from, 1 + random.Next(6));
                    lines.InsertRange(from, lines.GetRange(from, count));
                    return string.Join('\n', lines);
                }
        }
    }

    /// <summary>The token (letters, digits, '-', '_', '.') or single character at <paramref name="at"/>.</summary>
    private static (int Start, int End) Token(string text, int at)
    {
        static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
        if (!IsWord(text[at]))
        {
            return (at, at + 1);
        }

        var (start, end) = (at, at);
        while (start > 0 && IsWord(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && IsWord(text[end]))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>Just after the next ": " or a quote at or after <paramref name="at"/>, where a value starts; else <paramref name="at"/>.</summary>
    private static int ValueStart(string text, int at)
    {
        var colon = text.IndexOf(": ", at, StringComparison.Ordinal);
        var quote = text.IndexOf('"', at);
        var best = colon < 0 ? quote : quote < 0 ? colon + 2 : Math.Min(colon + 2, quote + 1);
        return best < 0 ? at : best;
    }
}
