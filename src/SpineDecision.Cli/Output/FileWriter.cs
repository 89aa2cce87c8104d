namespace SpineDecision.Cli.Output;

/// <summary>Writes the files a command creates, creating their folders; a failure is a usage error, not a stack trace.</summary>
internal static class FileWriter
{
    /// <returns>False, after reporting it, when a file could not be written.</returns>
    public static bool TryWriteAll(CliConsole console, IEnumerable<(string Path, string Text)> files)
    {
        foreach (var (path, text) in files)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, text.ReplaceLineEndings("\n"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                console.UsageError($"cannot write '{path.Replace('\\', '/')}': {e.Message}");
                return false;
            }
        }

        return true;
    }
}
