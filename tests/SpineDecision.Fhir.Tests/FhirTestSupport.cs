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

    /// <summary>Maps JSON, and checks that the reference reader (a JsonDocument, then Firely for every resource) gives
    /// the same case and report (or the same error): every test that maps JSON is also a differential test of the
    /// streaming pass and of the mapping's own resource reader.</summary>
    public static FhirMappingResult Map(string json, FhirMappingOptions? options = null, DateOnly? assessed = null) =>
        MapBothWays(json, options, assessed ?? Assessed);

    /// <summary>Maps through the streaming pass (with the mapping's own resource reader, and with Firely for every
    /// resource) and through the reference reader; fails unless all three agree.</summary>
    public static FhirMappingResult MapBothWays(string json, FhirMappingOptions? options, DateOnly assessed)
    {
        options ??= new FhirMappingOptions();
        FhirMappingResult? expected = null;
        FhirMappingException? expectedError = null;
        try
        {
            expected = Mapper(WithParser(options, FhirJsonParser.Reference)).Map(json, assessed);
        }
        catch (FhirMappingException e)
        {
            expectedError = e;
        }

        Same(WithParser(options, FhirJsonParser.StreamingFirelyResources), json, assessed, expected, expectedError);
        return Same(WithParser(options, options.Parser), json, assessed, expected, expectedError);
    }

    private static FhirMappingResult Same(FhirMappingOptions options, string json, DateOnly assessed, FhirMappingResult? expected, FhirMappingException? expectedError)
    {
        FhirMappingResult actual;
        try
        {
            actual = Mapper(options).Map(json, assessed);
        }
        catch (FhirMappingException e)
        {
            (expectedError?.Message).Should().Be(e.Message, "the error must be the same whichever reader reads the input ({0})", options.Parser);
            e.JsonPath.Should().Be(expectedError!.JsonPath);
            throw;
        }

        expectedError.Should().BeNull("the {0} reader mapped what the reference rejects", options.Parser);
        System.Text.Json.JsonSerializer.Serialize(actual.Case).Should().Be(System.Text.Json.JsonSerializer.Serialize(expected!.Case), "the case must not depend on the reader ({0})", options.Parser);
        actual.Report.Mapped.Should().Equal(expected.Report.Mapped, "the report must not depend on the reader ({0})", options.Parser);
        actual.Report.Ignored.Should().Equal(expected.Report.Ignored, "the report must not depend on the reader ({0})", options.Parser);
        actual.Report.Unknown.Should().Equal(expected.Report.Unknown, "the report must not depend on the reader ({0})", options.Parser);
        actual.Report.RowsUsed.Should().Equal(expected.Report.RowsUsed, "the report must not depend on the reader ({0})", options.Parser);
        return actual;
    }

    private static FhirMappingOptions WithParser(FhirMappingOptions options, FhirJsonParser parser)
    {
        var copy = new FhirMappingOptions
        {
            MaxInputCharacters = options.MaxInputCharacters,
            MaxResources = options.MaxResources,
            MaxDepth = options.MaxDepth,
            KeepUnclassifiedMedications = options.KeepUnclassifiedMedications,
            Parser = parser,
        };
        copy.CompleteResourceTypes.UnionWith(options.CompleteResourceTypes);
        return copy;
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
