using SpineDecision.Fhir.Mapping;

namespace SpineDecision.Fhir.Tests.Mapping;

public sealed class MappingTableTests
{
    private const string Begin = "<!-- fhir-mapping-table:begin -->\n";
    private const string End = "<!-- fhir-mapping-table:end -->";

    [Test]
    public void Readme_MappingTable_MatchesTheCode()
    {
        var path = Path.Combine(FhirTestSupport.RepositoryRoot(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        var expected = MappingTable.ToMarkdown();

        if (Environment.GetEnvironmentVariable("SPINE_REGENERATE") == "1")
        {
            File.WriteAllText(path, readme[..start] + expected + readme[end..]);
            return;
        }

        readme[start..end].Should().Be(expected, "the README's mapping table is generated from MappingTable; run SPINE_REGENERATE=1 dotnet test --filter MappingTableTests");
    }

    [Test]
    public void MappingTable_EveryRow_IsExercisedByTheHandWrittenFixtures()
    {
        var used = Fixtures.All().SelectMany(json => FhirTestSupport.Map(json).Report.RowsUsed).ToHashSet(StringComparer.Ordinal);

        MappingTable.Rows.Select(r => r.Id).Where(id => !used.Contains(id)).Should().BeEmpty();
    }

    [Test]
    public void MappingTable_EveryCasePath_IsAFieldOfTheCaseModel()
    {
        var paths = MappingTable.Rows.SelectMany(r => r.CasePath.Split(", ")).Where(p => !p.StartsWith("any ", StringComparison.Ordinal) && !p.Contains("[]", StringComparison.Ordinal));

        paths.Where(p => CaseModelIndex.Find(p) is null).Should().BeEmpty();
    }

    [Test]
    public void MappingTable_EveryLoincReadingCode_IsNamedInItsRow()
    {
        var missing = MappingSession.Readings.Where(r => !r.Value.Row.Codes.Contains(r.Key, StringComparison.Ordinal)).Select(r => r.Key);

        missing.Should().BeEmpty();
    }
}
