using System.Text.Json.Nodes;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>The project's hand-written requests (TestData/) and the shared fixtures (../shared/fixtures, read at run time).</summary>
internal static class TestData
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name));

    public static JsonObject Json(string name) => JsonNode.Parse(Read(name))!.AsObject();

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SpineDecision.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SpineDecision.sln not found above the test directory.");
    }

    /// <summary>A folder of ../shared/fixtures/cds-hooks, or an ignored test saying it is absent.</summary>
    public static string SharedFixtures(string subfolder = "")
    {
        var folder = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "cds-hooks", subfolder));
        if (!Directory.Exists(folder))
        {
            Assert.Ignore($"Shared fixtures not found at {folder}: these tests need ../shared/fixtures next to the repository.");
        }

        return folder;
    }
}
