using SpineDecision.Cases.Model;
using SpineDecision.Tests.Cli;

namespace SpineDecision.Tests.Schema;

/// <summary>
/// The case schema and the field reference are generated from the case records. These tests regenerate them and
/// fail when the committed files differ; run them with SPINE_REGENERATE=1 to rewrite the files after changing a record.
/// </summary>
public sealed class CaseSchemaTests
{
    private static readonly bool Regenerate = Environment.GetEnvironmentVariable("SPINE_REGENERATE") == "1";

    [Test]
    public void CaseSchema_CommittedFile_IsTheOneGeneratedFromTheRecords()
    {
        var expected = CaseSchemaWriter.Schema(XmlDocs.Describe);

        var actual = Committed(Path.Combine("rules", "schema", "case.schema.json"), expected);

        actual.Should().Be(expected, "rules/schema/case.schema.json is generated; rerun the tests with SPINE_REGENERATE=1");
    }

    [Test]
    public void CaseFieldReference_CommittedFile_IsTheOneGeneratedFromTheRecords()
    {
        var expected = CaseSchemaWriter.Reference(XmlDocs.Describe);

        var actual = Committed(Path.Combine("rules", "schema", "case-format.md"), expected);

        actual.Should().Be(expected, "rules/schema/case-format.md is generated; rerun the tests with SPINE_REGENERATE=1");
    }

    [Test]
    public void CaseSchema_EveryRecordProperty_HasADescription()
    {
        var undocumented = CaseModel.Types.SelectMany(t => t.Fields)
            .Where(f => string.IsNullOrWhiteSpace(XmlDocs.Describe(f.Property)))
            .Select(f => $"{f.Property.DeclaringType!.Name}.{f.Property.Name}");

        undocumented.Should().BeEmpty();
    }

    private static string Committed(string relativePath, string generated)
    {
        var path = Path.Combine(CliRunner.RepositoryRoot, relativePath);
        if (Regenerate)
        {
            File.WriteAllText(path, generated);
        }

        return File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
    }
}
