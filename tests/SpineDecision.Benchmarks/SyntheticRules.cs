using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SpineDecision.Engine;

namespace SpineDecision.Benchmarks;

/// <summary>How the extra copies of the rules behave on the benchmark cases.</summary>
public enum CloneMode
{
    /// <summary>
    /// Every rule of copy <c>n</c> starts with the same never-true check on the case (<c>patient.age == 1000 + n</c>),
    /// as rules for another specialty or region would start with their own discriminating condition, and each cloned
    /// parameter is nudged, so conditions on list facts are not shared with the original: a bigger rule base in which
    /// most rules do not apply to a given case (the realistic growth).
    /// </summary>
    Dormant,

    /// <summary>
    /// Clones are identical to the originals apart from their ids: every clone fires whenever its original does, so
    /// the report grows with the rule count (the worst case).
    /// </summary>
    Active,
}

/// <summary>
/// Grows the default rule base by cloning every shipped rule-set file with renamed rule-set, rule, parameter and
/// conclusion ids. Vocabulary and profiles are shared.
/// </summary>
public static partial class SyntheticRules
{
    public static IReadOnlyList<RuleSourceFile> Create(int multiplier, CloneMode mode) =>
        Create(RuleBaseLoader.DefaultRuleFiles, multiplier, mode);

    /// <summary>The given files with every rule-set file among them cloned to <paramref name="multiplier"/> copies.</summary>
    public static IReadOnlyList<RuleSourceFile> Create(IReadOnlyList<RuleSourceFile> baseFiles, int multiplier, CloneMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1);
        var files = new List<RuleSourceFile>(baseFiles);
        var ruleSets = baseFiles.Where(f => f.Content.Contains("\nruleSet:", StringComparison.Ordinal)).ToList();
        for (var copy = 1; copy < multiplier; copy++)
        {
            files.AddRange(ruleSets.Select(f => Clone(f, copy, mode)));
        }

        return files;
    }

    /// <summary>The rule count of the default rules times <paramref name="multiplier"/>.</summary>
    public static int RuleCount(int multiplier) =>
        multiplier * RuleBaseLoader.DefaultRuleFiles.Sum(f => RuleIdLine().Count(SectionOf(f.Content, "rules")));

    private static RuleSourceFile Clone(RuleSourceFile file, int copy, CloneMode mode)
    {
        var text = file.Content;
        var suffix = $"X{copy}";
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in new[] { "parameters", "conclusions", "rules" })
        {
            foreach (Match m in RuleIdLine().Matches(SectionOf(text, section)))
            {
                var id = m.Groups[1].Value;
                renames[id] = section == "rules" ? $"{id}-{suffix}" : id + suffix;
            }
        }

        // Whole identifiers only: 'FACET-RFA-001' must not touch 'FACET-RFA-FREQ-001'.
        var pattern = new Regex(@"(?<![A-Za-z0-9_-])(" + string.Join("|", renames.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![A-Za-z0-9_-])");
        text = pattern.Replace(text, m => renames[m.Value]);

        // The rule-set id is renamed on its own line only: 'facet' is also a procedure group.
        text = RuleSetIdLine().Replace(text, m => $"{m.Groups[1].Value}{m.Groups[2].Value}-x{copy}", 1);

        if (mode == CloneMode.Dormant)
        {
            text = Dormant(text, copy);
        }

        var name = file.Name.EndsWith(".yaml", StringComparison.Ordinal) ? file.Name[..^5] : file.Name;
        return new RuleSourceFile($"{name}.x{copy}.yaml", text);
    }

    private static string Dormant(string text, int copy)
    {
        // Nudge every numeric parameter default so no alpha node is shared with another copy.
        var parameters = SectionOf(text, "parameters");
        var nudged = DefaultLine().Replace(parameters, m =>
            m.Groups[1].Value + (double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + copy / 1000.0).ToString(CultureInfo.InvariantCulture));
        text = parameters.Length == 0 ? text : text.Replace(parameters, nudged, StringComparison.Ordinal);

        // Give every rule of this copy the same first condition, one that never holds.
        var builder = new StringBuilder();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            builder.Append(lines[i]).Append('\n');
            if (lines[i].TrimEnd() == "    when:" && i + 1 < lines.Length)
            {
                var indent = lines[i + 1][..(lines[i + 1].Length - lines[i + 1].TrimStart().Length)];
                builder.Append(CultureInfo.InvariantCulture, $"{indent}- check: \"patient.age == {1000 + copy}\"\n");
            }
        }

        return builder.ToString(0, builder.Length - 1);
    }

    /// <summary>The lines of one top-level section (from 'name:' to the next top-level key).</summary>
    private static string SectionOf(string text, string name)
    {
        var start = text.IndexOf($"\n{name}:", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = TopLevelKey().Match(text, start + name.Length + 2);
        return text[start..(end.Success ? end.Index : text.Length)];
    }

    [GeneratedRegex(@"^  - id: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RuleIdLine();

    [GeneratedRegex(@"^(ruleSet:\s*\n  id: )(\S+)", RegexOptions.Multiline)]
    private static partial Regex RuleSetIdLine();

    [GeneratedRegex(@"^(    default: )(-?[0-9]+(?:\.[0-9]+)?)\s*$", RegexOptions.Multiline)]
    private static partial Regex DefaultLine();

    [GeneratedRegex(@"\n[A-Za-z]+:")]
    private static partial Regex TopLevelKey();
}
