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

    /// <summary>Maps JSON, and checks that mapping it with Firely's deserialiser alone gives the same case and report
    /// (or the same error): every test that maps JSON is also a differential test of the mapping's own reader.</summary>
    public static FhirMappingResult Map(string json, FhirMappingOptions? options = null, DateOnly? assessed = null) =>
        MapBothWays(json, options, assessed ?? Assessed);

    /// <summary>Maps through the mapping's own reader and through Firely alone; fails unless both agree.</summary>
    public static FhirMappingResult MapBothWays(string json, FhirMappingOptions? options, DateOnly assessed)
    {
        options ??= new FhirMappingOptions();
        var firelyOnly = new FhirMappingOptions
        {
            MaxInputCharacters = options.MaxInputCharacters,
            MaxResources = options.MaxResources,
            MaxDepth = options.MaxDepth,
            KeepUnclassifiedMedications = options.KeepUnclassifiedMedications,
            FirelyParserOnly = true,
        };
        firelyOnly.CompleteResourceTypes.UnionWith(options.CompleteResourceTypes);

        FhirMappingResult? expected = null;
        FhirMappingException? expectedError = null;
        try
        {
            expected = Mapper(firelyOnly).Map(json, assessed);
        }
        catch (FhirMappingException e)
        {
            expectedError = e;
        }

        FhirMappingResult actual;
        try
        {
            actual = Mapper(options).Map(json, assessed);
        }
        catch (FhirMappingException e)
        {
            (expectedError?.Message).Should().Be(e.Message, "the error must be the same whichever parser reads the resources");
            throw;
        }

        expectedError.Should().BeNull("our reader mapped what Firely alone rejects");
        System.Text.Json.JsonSerializer.Serialize(actual.Case).Should().Be(System.Text.Json.JsonSerializer.Serialize(expected!.Case), "the case must not depend on the parser");
        actual.Report.Mapped.Should().Equal(expected.Report.Mapped, "the report must not depend on the parser");
        actual.Report.Ignored.Should().Equal(expected.Report.Ignored, "the report must not depend on the parser");
        actual.Report.Unknown.Should().Equal(expected.Report.Unknown, "the report must not depend on the parser");
        return actual;
    }

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
