using System.Globalization;
using System.Text;
using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Yaml;

/// <summary>
/// What a reviewer reads is what the engine uses ("Trojan Source", CVE-2021-42574). Identifiers are printable ASCII
/// from a small alphabet; no text in a rule file (ids, titles, rationales, citations, keys) may hold a character that
/// is invisible or reorders what is shown: bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
/// U+061C), zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and every other format character (Unicode category
/// Cf), control characters other than tab and line breaks, and unpaired surrogates.
/// </summary>
internal static class SafeText
{
    /// <summary>The identifier pattern documented in rules/README.md.</summary>
    public const string IdentifierPattern = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    public const int MaxIdentifierLength = 100;

    public static bool IsIdentifier(string value)
    {
        if (value.Length is 0 or > MaxIdentifierLength || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index of the first character a reviewer could not see as the engine does, or -1.</summary>
    public static int IndexOfHidden(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 ? c is not ('\t' or '\n' or '\r') : c is >= '\u007f' and <= '\u009f')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reports every key and value of <paramref name="root"/> holding a hidden character, with its position.</summary>
    public static void Check(YNode root, DiagnosticBag diagnostics)
    {
        switch (root)
        {
            case YScalar scalar:
                CheckScalar(scalar, diagnostics);
                break;
            case YSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Check(item, diagnostics);
                }

                break;
            case YMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    CheckScalar(key, diagnostics);
                    Check(value, diagnostics);
                }

                break;
        }
    }

    private static void CheckScalar(YScalar scalar, DiagnosticBag diagnostics)
    {
        var i = IndexOfHidden(scalar.Value);
        if (i >= 0)
        {
            diagnostics.Error(DiagnosticCodes.HiddenCharacter, scalar.At, string.Create(CultureInfo.InvariantCulture,
                $"character {Name(scalar.Value[i])} at position {i + 1} of '{Printable(scalar.Value)}' is not allowed: bidirectional controls, zero-width, format and control characters make text read differently from what the engine uses"));
        }
    }

    /// <summary><c>U+202E</c>.</summary>
    public static string Name(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    /// <summary>The value as it can be shown safely: hidden characters as <c>\u202E</c>, at most 80 characters.</summary>
    public static string Printable(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > 80 ? value[..80] : value)
        {
            if (IndexOfHidden(c.ToString()) >= 0 || char.IsSurrogate(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return value.Length > 80 ? text.Append('…').ToString() : text.ToString();
    }
}
