using SpineDecision.Cli;
using SpineDecision.Cli.Output;

namespace SpineDecision.Tests.Cli;

/// <summary>What one in-process run of spine-rules printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> Lines => Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string LastLine => Lines.Count == 0 ? string.Empty : Lines[^1];

    /// <summary>Never a stack trace or an exception type name, whatever the input.</summary>
    public void ShouldNotShowAStackTrace()
    {
        var all = Out + Error;
        all.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain(".cs:line").And.NotContain("internal error");
    }
}

/// <summary>Runs <see cref="CliApp"/> in-process, capturing its output, against the rules copied next to the tests.</summary>
internal static class CliRunner
{
    public static string RulesFolder => Path.Combine(AppContext.BaseDirectory, "rules");

    public static string VocabularyFile => Path.Combine(RulesFolder, "vocabulary", "vocabulary.yaml");

    public static string InvalidFolder => Path.Combine(AppContext.BaseDirectory, "TestData", "cli-invalid");

    public static CliResult Run(params string[] args) => Run(Terminal.None, args);

    public static CliResult Run(Terminal terminal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, output, error, terminal);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The repository root (where SpineDecision.sln is), for files the build does not copy (samples, schemas).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SpineDecision.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("SpineDecision.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

/// <summary>A temporary folder of rule, scenario and case files for one test; deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spine-rules-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Copies the shipped vocabulary in, so test rule sets can use its concepts.</summary>
    public string WithVocabulary() => Write("vocabulary/vocabulary.yaml", File.ReadAllText(CliRunner.VocabularyFile));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
