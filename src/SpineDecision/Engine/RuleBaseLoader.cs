using SpineDecision.Diagnostics;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Loading;

namespace SpineDecision.Engine;

/// <summary>Loads and checks rule files: the load-time half of the pipeline, shared by the engine, the CLI and tests.</summary>
internal static class RuleBaseLoader
{
    private const string ResourcePrefix = "SpineDecision.rules/";

    private static readonly Lazy<IReadOnlyList<RuleSourceFile>> Embedded = new(ReadEmbedded);

    /// <summary>The default clinical rules shipped inside the assembly.</summary>
    public static IReadOnlyList<RuleSourceFile> DefaultRuleFiles => Embedded.Value;

    public static IReadOnlyList<RuleSourceFile> Gather(SpineDecisionOptions options)
    {
        var files = new List<RuleSourceFile>();
        if (options.IncludeDefaultRules)
        {
            files.AddRange(DefaultRuleFiles);
        }

        foreach (var directory in options.RuleDirectories)
        {
            try
            {
                files.AddRange(RuleSourceFile.FromDirectory(directory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RuleLoadException([new RuleDiagnostic(DiagnosticCodes.FileUnreadable, DiagnosticSeverity.Error, new SourceLocation(directory, 1, 1), e.Message)]);
            }
        }

        files.AddRange(options.RuleFiles);
        return files;
    }

    /// <summary>Loads and checks; throws <see cref="RuleLoadException"/> listing every error.</summary>
    public static (CheckedRuleBase Rules, IReadOnlyList<RuleDiagnostic> Diagnostics) LoadAndCheck(IEnumerable<RuleSourceFile> files, FunctionTable? functions = null)
    {
        var diagnostics = new DiagnosticBag();
        var (rules, sorted) = TryLoadAndCheck(files, diagnostics, functions);
        if (diagnostics.HasErrors || rules is null)
        {
            throw new RuleLoadException(sorted);
        }

        return (rules, sorted);
    }

    /// <summary>Loads and checks, reporting into <paramref name="diagnostics"/>; the rules are null when there were errors.</summary>
    public static (CheckedRuleBase? Rules, IReadOnlyList<RuleDiagnostic> Diagnostics) TryLoadAndCheck(IEnumerable<RuleSourceFile> files, DiagnosticBag diagnostics, FunctionTable? functions = null)
    {
        // The checker needs the fact schema, whose type initialiser reflects over the case model and builds its getters:
        // on a cold start it runs on another core while the files are read.
        var schema = Task.Run(static () => FactSchema.Lists.Length);
        var loaded = RuleFileLoader.Load(files, diagnostics);
        schema.GetAwaiter().GetResult();
        if (loaded.RuleSets.IsEmpty && !diagnostics.HasErrors)
        {
            diagnostics.Error(DiagnosticCodes.NoRules, new SourceLocation("(rules)", 1, 1), "no rule sets were loaded");
        }

        var rules = RuleChecker.Check(loaded, diagnostics, functions);
        return (diagnostics.HasErrors ? null : rules, diagnostics.Sorted());
    }

    private static IReadOnlyList<RuleSourceFile> ReadEmbedded()
    {
        var assembly = typeof(RuleBaseLoader).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new RuleSourceFile(n[ResourcePrefix.Length..].Replace('\\', '/'), reader.ReadToEnd());
            })];
    }
}
