namespace SpineDecision.CdsHooks.Tests.Support;

/// <summary>The shared CDS Hooks fixtures (../shared/fixtures/cds-hooks from the repository root), read at test time, never copied.</summary>
internal static class Fixtures
{
    /// <summary>The text of a fixture file; the test is ignored, visibly, when the fixtures are absent.</summary>
    public static string Read(string relativePath)
    {
        var path = Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "cds-hooks", relativePath);
        if (!File.Exists(path))
        {
            Assert.Ignore($"Fixture absent: {Path.GetFullPath(path)} (the shared fixtures are not on this machine).");
        }

        return File.ReadAllText(path);
    }

    private static string RepositoryRoot()
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
