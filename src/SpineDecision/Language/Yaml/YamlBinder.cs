using System.Globalization;
using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Yaml;

/// <summary>
/// Turns located YAML nodes into typed values, reporting every mismatch at its line and column instead of
/// stopping at the first. Closed by construction: a <see cref="MappingReader"/> rejects any key it was not asked for.
/// </summary>
internal sealed class YamlBinder(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public MappingReader? Mapping(YNode? node, string what)
    {
        if (node is YMapping map)
        {
            return new MappingReader(this, map, what);
        }

        if (node is not null)
        {
            Diagnostics.Error(DiagnosticCodes.WrongNodeKind, node.At, $"{what} must be a mapping of keys to values, not {node.KindName}");
        }

        return null;
    }

    public IReadOnlyList<YNode> Sequence(YNode? node, string what)
    {
        switch (node)
        {
            case null:
                return [];
            case YSequence seq:
                return seq.Items;
            case YScalar { IsNull: true }:
                return [];
            default:
                Diagnostics.Error(DiagnosticCodes.WrongNodeKind, node.At, $"{what} must be a list, not {node.KindName}");
                return [];
        }
    }

    public string? String(YNode? node, string what)
    {
        switch (node)
        {
            case null:
            case YScalar { IsNull: true }:
                return null;
            case YScalar s:
                return s.Value;
            default:
                Diagnostics.Error(DiagnosticCodes.WrongNodeKind, node.At, $"{what} must be a single value, not {node.KindName}");
                return null;
        }
    }

    public double? Number(YNode? node, string what)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Diagnostics.Error(DiagnosticCodes.InvalidValue, node!.At, $"{what} must be a number, not '{text}'");
        return null;
    }

    public int? Integer(YNode? node, string what)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Diagnostics.Error(DiagnosticCodes.InvalidValue, node!.At, $"{what} must be a whole number, not '{text}'");
        return null;
    }

    public bool? Boolean(YNode? node, string what)
    {
        var text = String(node, what);
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "yes":
                return true;
            case "false" or "False" or "no":
                return false;
            default:
                Diagnostics.Error(DiagnosticCodes.InvalidValue, node!.At, $"{what} must be true or false, not '{text}'");
                return null;
        }
    }

    public DateOnly? Date(YNode? node, string what)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        Diagnostics.Error(DiagnosticCodes.InvalidValue, node!.At, $"{what} must be a date written yyyy-MM-dd, not '{text}'");
        return null;
    }

    /// <summary>A list of strings; a single value is accepted as a list of one.</summary>
    public IReadOnlyList<(string Value, SourceLocation At)> StringList(YNode? node, string what)
    {
        if (node is YScalar { IsNull: false } single)
        {
            return [(single.Value, single.At)];
        }

        var result = new List<(string, SourceLocation)>();
        foreach (var item in Sequence(node, what))
        {
            if (String(item, $"each item of {what}") is { } value)
            {
                result.Add((value, item.At));
            }
        }

        return result;
    }

    /// <summary>A value that must be one of <paramref name="allowed"/>; anything else is reported with a did-you-mean.</summary>
    public string? OneOf(YNode? node, string what, IReadOnlyCollection<string> allowed)
    {
        var text = String(node, what);
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        Diagnostics.Error(DiagnosticCodes.InvalidChoice, node!.At,
            $"{what} must be one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}, not '{text}'{DidYouMean.Hint(text, allowed)}");
        return null;
    }
}

/// <summary>Reads one mapping key by key; <see cref="Done"/> reports the keys nobody asked for.</summary>
internal sealed class MappingReader(YamlBinder binder, YMapping map, string what)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public SourceLocation At => map.At;

    public YamlBinder Binder => binder;

    public bool Has(string key) => map.Entries.Any(e => e.Key.Value == key);

    public SourceLocation KeyAt(string key) => map.Entries.FirstOrDefault(e => e.Key.Value == key).Key?.At ?? map.At;

    public YNode? Node(string key, bool required = false)
    {
        _known.Add(key);
        foreach (var entry in map.Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        if (required)
        {
            binder.Diagnostics.Error(DiagnosticCodes.MissingKey, map.At, $"{what} is missing the required key '{key}'");
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        var value = binder.String(Node(key, required), $"'{key}'");
        if (required && value is null && Has(key))
        {
            binder.Diagnostics.Error(DiagnosticCodes.MissingKey, KeyAt(key), $"'{key}' must have a value");
        }

        return value;
    }

    /// <summary>An identifier (<see cref="SafeText.IdentifierPattern"/>). A hidden character is left to
    /// <see cref="SafeText.Check"/>, which reports it with its position.</summary>
    public string? Id(string key, bool required = false)
    {
        var value = String(key, required);
        if (value is null || SafeText.IsIdentifier(value) || SafeText.IndexOfHidden(value) >= 0)
        {
            return value;
        }

        binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, Node(key, false)!.At,
            $"'{key}' must be letters, digits, '-', '_' and '.', starting with a letter or digit, at most {SafeText.MaxIdentifierLength} characters, not '{SafeText.Printable(value)}'");
        return null;
    }

    public double? Number(string key, bool required = false) => binder.Number(Node(key, required), $"'{key}'");

    public int? Integer(string key, bool required = false) => binder.Integer(Node(key, required), $"'{key}'");

    public bool? Boolean(string key, bool required = false) => binder.Boolean(Node(key, required), $"'{key}'");

    public DateOnly? Date(string key, bool required = false) => binder.Date(Node(key, required), $"'{key}'");

    public IReadOnlyList<YNode> Sequence(string key, bool required = false) => binder.Sequence(Node(key, required), $"'{key}'");

    public IReadOnlyList<(string Value, SourceLocation At)> StringList(string key, bool required = false) =>
        binder.StringList(Node(key, required), $"'{key}'");

    public string? OneOf(string key, IReadOnlyCollection<string> allowed, bool required = false) =>
        binder.OneOf(Node(key, required), $"'{key}'", allowed);

    /// <summary>Reports every key this reader was not asked for, with the closest known key.</summary>
    public void Done()
    {
        foreach (var entry in map.Entries)
        {
            if (!_known.Contains(entry.Key.Value))
            {
                binder.Diagnostics.Error(DiagnosticCodes.UnknownKey, entry.Key.At,
                    $"unknown key '{entry.Key.Value}' in {what}{DidYouMean.Hint(entry.Key.Value, _known)}; expected one of: {string.Join(", ", _known.Order(StringComparer.Ordinal))}");
            }
        }
    }
}
