using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision.Fhir.Tests;

/// <summary>One engine and mapper for the whole test run (compiling the rules is the slow part), and helpers.</summary>
internal static class FhirTestSupport
{
    private static readonly Lazy<ISpineDecisionEngine> LazyEngine = new(() => SpineDecisionEngine.CreateDefault());

    public static ISpineDecisionEngine Engine => LazyEngine.Value;

    public static DateOnly Assessed { get; } = new(2026, 11, 1);

    public static FhirCaseMapper Mapper(FhirMappingOptions? options = null) => new(Engine.Vocabulary, options);

    public static FhirMappingResult Map(string json, FhirMappingOptions? options = null, DateOnly? assessed = null) =>
        Mapper(options).Map(json, assessed ?? Assessed);

    /// <summary>Maps and evaluates: every hand-written fixture goes through to a report.</summary>
    public static (PatientCase Case, FhirMappingReport Mapping, RecommendationReport Report) Evaluate(string json, FhirMappingOptions? options = null)
    {
        var result = Map(json, options);
        return (result.Case, result.Report, Engine.Evaluate(result.Case));
    }

    /// <summary>A collection Bundle of the given resources (JSON object texts).</summary>
    public static string Bundle(params string[] resources) =>
        $$"""{ "resourceType": "Bundle", "type": "collection", "entry": [{{string.Join(", ", resources.Select(r => $$"""{ "resource": {{r}} }"""))}}] }""";

    public static string Patient(string birthDate = "1970-03-15", string gender = "female") =>
        $$"""{ "resourceType": "Patient", "id": "p1", "birthDate": "{{birthDate}}", "gender": "{{gender}}" }""";

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SpineDecision.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SpineDecision.sln not found above the test directory.");
    }

    /// <summary>The shared fixtures folder (<c>../shared/fixtures</c> from the repository root), or an ignored test.</summary>
    public static string SharedFixtures(string subfolder)
    {
        var folder = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", subfolder));
        if (!Directory.Exists(folder))
        {
            Assert.Ignore($"Shared fixtures not found at {folder}: these tests need ../shared/fixtures next to the repository.");
        }

        return folder;
    }
}
