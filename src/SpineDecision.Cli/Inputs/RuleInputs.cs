using System.Globalization;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Language.Yaml;

namespace SpineDecision.Cli.Inputs;

/// <summary>
/// The files a command works on, gathered from the paths on the command line: a file is taken as it is (a scenario
/// file when it ends in <c>.scenarios.yaml</c> or <c>.scenarios.yml</c>); a folder is searched recursively for
/// <c>*.yaml</c> and <c>*.yml</c>, skipping any <c>schema</c> folder. Files are named as the user wrote the path, with
/// forward slashes, and read once each.
/// </summary>
/// <remarks>
/// The user's rule files are checked and run together with the rules shipped inside SpineDecision (its vocabulary,
/// profiles and rule sets) unless <c>--no-defaults</c> is given, so a rule set of one's own can use the shipped
/// concepts. A file of the user's replaces the shipped file it is a copy or an edit of: one whose path ends with the
/// shipped file's path (<c>rules/facet/facet.yaml</c> replaces <c>facet/facet.yaml</c>), or one with the same text.
/// </remarks>
internal sealed class RuleInputs
{
    private static readonly string[] YamlPatterns = ["*.yaml", "*.yml"];

    private static readonly string[] ScenarioSuffixes = [".scenarios.yaml", ".scenarios.yml"];

    private readonly List<RuleSourceFile> _ruleFiles = [];
    private readonly List<RuleSourceFile> _scenarioFiles = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>The user's own rule files (never the shipped ones).</summary>
    public IReadOnlyList<RuleSourceFile> RuleFiles => _ruleFiles;

    /// <summary>The shipped rule files checked with the user's: empty with <c>--no-defaults</c>, and without those a
    /// user's file replaces.</summary>
    public IReadOnlyList<RuleSourceFile> ShippedFiles { get; private set; } = [];

    /// <summary>The user's rule files, then the shipped ones: what the rules are loaded from.</summary>
    public IReadOnlyList<RuleSourceFile> AllRuleFiles => [.. _ruleFiles, .. ShippedFiles];

    public IReadOnlyList<RuleSourceFile> ScenarioFiles => _scenarioFiles;

    /// <summary>Paths that do not exist or cannot be read, as SD0008 errors (SD0006 for files over the size limit).</summary>
    public DiagnosticBag Problems { get; } = new();

    /// <param name="paths">Files and folders holding rule and scenario files.</param>
    /// <param name="rulePaths">Files and folders whose rule files are added (their scenario files are not).</param>
    /// <param name="includeDefaults">Whether the shipped rules are added (false with <c>--no-defaults</c>).</param>
    public static RuleInputs Gather(IEnumerable<string> paths, IEnumerable<string>? rulePaths = null, bool includeDefaults = true)
    {
        var inputs = new RuleInputs();
        foreach (var path in paths)
        {
            inputs.Add(path, scenarios: true);
        }

        foreach (var path in rulePaths ?? [])
        {
            inputs.Add(path, scenarios: false);
        }

        if (includeDefaults)
        {
            inputs.ShippedFiles = [.. RuleBaseLoader.DefaultRuleFiles.Where(shipped => !inputs._ruleFiles.Any(own => Replaces(own, shipped)))];
        }

        return inputs;
    }

    /// <summary>Whether a diagnostic or a rule at this file belongs to the user (not to a shipped file).</summary>
    public bool IsOwn(string file) => !ShippedFiles.Any(f => string.Equals(f.Name, file, StringComparison.Ordinal));

    /// <summary>Whether a diagnostic is about the user's files: located in one, or naming one (a shipped rule shadowed
    /// by one of the user's is reported at the shipped rule).</summary>
    public bool Concerns(RuleDiagnostic diagnostic) =>
        IsOwn(diagnostic.Location.File) || _ruleFiles.Any(f => diagnostic.Message.Contains(f.Name, StringComparison.Ordinal));

    /// <summary>When the user's files define again what a shipped file defines (SD0201, SD0202), how to fix it: an
    /// edited copy of a shipped file is recognised by its path, or the shipped rules can be left out.</summary>
    public string? DuplicateNote(IEnumerable<RuleDiagnostic> diagnostics) =>
        ShippedFiles.Count > 0 && diagnostics.Any(d => d.Code is DiagnosticCodes.DuplicateRuleId or DiagnosticCodes.DuplicateDefinition)
            ? $"note: the given files were checked with the {ShippedFiles.Count} shipped rule files; to replace a shipped file, keep your copy at its path inside rules/ (for example my-rules/facet/facet.yaml), or pass --no-defaults to check the given files alone"
            : null;

    private static bool Replaces(RuleSourceFile own, RuleSourceFile shipped) =>
        own.Name.EndsWith("/" + shipped.Name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(own.Name, shipped.Name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(own.Content.ReplaceLineEndings("\n"), shipped.Content.ReplaceLineEndings("\n"), StringComparison.Ordinal);

    private void Add(string path, bool scenarios)
    {
        try
        {
            if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                foreach (var relative in YamlPatterns.SelectMany(pattern => Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories))
                    .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                    .Where(r => !r.Split('/').Contains("schema", StringComparer.Ordinal))
                    .Order(StringComparer.Ordinal))
                {
                    AddFile(Path.Combine(path, relative).Replace('\\', '/'), scenarios);
                }
            }
            else if (File.Exists(path))
            {
                AddFile(path.Replace('\\', '/'), scenarios);
            }
            else
            {
                Problems.Error(DiagnosticCodes.FileUnreadable, new SourceLocation(path, 1, 1), $"'{path}' does not exist; give a rule file, a scenario file or a folder of them");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Problems.Error(DiagnosticCodes.FileUnreadable, new SourceLocation(path, 1, 1), $"cannot read '{path}': {e.Message}");
        }
    }

    private void AddFile(string name, bool scenarios)
    {
        var isScenario = ScenarioSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        if ((isScenario && !scenarios) || !_seen.Add(Path.GetFullPath(name)))
        {
            return;
        }

        try
        {
            var length = new FileInfo(name).Length;
            if (length > YamlLimits.Default.MaxFileBytes)
            {
                Problems.Error(DiagnosticCodes.LimitExceeded, new SourceLocation(name, 1, 1), string.Create(CultureInfo.InvariantCulture,
                    $"file is {length} bytes; the limit is {YamlLimits.Default.MaxFileBytes}"));
                return;
            }

            var file = new RuleSourceFile(name, File.ReadAllText(name));
            (isScenario ? _scenarioFiles : _ruleFiles).Add(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problems.Error(DiagnosticCodes.FileUnreadable, new SourceLocation(name, 1, 1), $"cannot read '{name}': {e.Message}");
        }
    }
}
