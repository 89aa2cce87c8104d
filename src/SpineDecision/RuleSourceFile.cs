namespace SpineDecision;

/// <summary>The text of one rule file (a rule set, vocabulary or profile) from wherever the host keeps it.</summary>
/// <param name="Name">The name errors report, usually a relative path such as <c>facet/facet-rfa.yaml</c>.</param>
/// <param name="Content">The YAML text.</param>
public sealed record RuleSourceFile(string Name, string Content)
{
    /// <summary>Reads every <c>*.yaml</c> file under a folder (recursively), excluding scenario files
    /// (<c>*.scenarios.yaml</c>) and the <c>schema</c> folder, in ordinal path order.</summary>
    /// <param name="directory">The folder to read.</param>
    /// <returns>The files, named by their path relative to <paramref name="directory"/> with forward slashes.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<RuleSourceFile> FromDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"rule folder '{directory}' does not exist");
        }

        return [.. Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(relative => !relative.EndsWith(".scenarios.yaml", StringComparison.Ordinal) && !relative.StartsWith("schema/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(relative => new RuleSourceFile(Path.Combine(directory, relative).Replace('\\', '/'), File.ReadAllText(Path.Combine(root, relative))))];
    }
}
