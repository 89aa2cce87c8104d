using System.Globalization;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Yaml;

namespace SpineDecision.Cli.Inputs;

/// <summary>
/// The files a command works on, gathered from the paths on the command line: a file is taken as it is (a scenario
/// file when it ends in <c>.scenarios.yaml</c>); a folder is searched recursively for <c>*.yaml</c>, skipping any
/// <c>schema</c> folder. Files are named as the user wrote the path, with forward slashes, and read once each.
/// </summary>
internal sealed class RuleInputs
{
    private const string ScenarioSuffix = ".scenarios.yaml";

    private readonly List<RuleSourceFile> _ruleFiles = [];
    private readonly List<RuleSourceFile> _scenarioFiles = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<RuleSourceFile> RuleFiles => _ruleFiles;

    public IReadOnlyList<RuleSourceFile> ScenarioFiles => _scenarioFiles;

    /// <summary>Paths that do not exist or cannot be read, as SD0008 errors (SD0006 for files over the size limit).</summary>
    public DiagnosticBag Problems { get; } = new();

    /// <param name="paths">Files and folders holding rule and scenario files.</param>
    /// <param name="rulePaths">Files and folders whose rule files are added (their scenario files are not).</param>
    public static RuleInputs Gather(IEnumerable<string> paths, IEnumerable<string>? rulePaths = null)
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

        return inputs;
    }

    private void Add(string path, bool scenarios)
    {
        try
        {
            if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                foreach (var relative in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
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
        var isScenario = name.EndsWith(ScenarioSuffix, StringComparison.OrdinalIgnoreCase);
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
