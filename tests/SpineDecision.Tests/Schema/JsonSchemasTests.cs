using System.Reflection;
using System.Text.Json.Nodes;
using SpineDecision.Schema;
using SpineDecision.Tests.Cli;

namespace SpineDecision.Tests.Schema;

public sealed class JsonSchemasTests
{
    public static IEnumerable<string> SchemaFiles() =>
        Directory.EnumerateFiles(Schemas.Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(SchemaFiles))]
    public void SchemaFile_Id_IsTheOneDerivedFromItsFileName(string fileName)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Schemas.Folder, fileName)))!.AsObject();

        var id = json["$id"]?.GetValue<string>();

        id.Should().Be(JsonSchemas.IdOf(fileName), "every schema carries the stable $id derived from the repository URL");
    }

    [Test]
    public void BaseUri_RepositoryUrl_IsItsRawMainSchemaFolder()
    {
        var repositoryUrl = typeof(JsonSchemas).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryUrl").Value!;

        var baseUri = JsonSchemas.BaseUri;

        repositoryUrl.Should().StartWith("https://github.com/");
        baseUri.Should().Be(repositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal) + "/main/rules/schema/");
    }

    [Test]
    public void FileNames_EmbeddedSchemas_AreExactlyTheRepositorySchemas()
    {
        var files = SchemaFiles().ToList();

        var embedded = JsonSchemas.FileNames;

        embedded.Should().Equal(files);
    }

    [TestCaseSource(nameof(SchemaFiles))]
    public void Read_EmbeddedSchema_IsTheRepositoryFileVerbatim(string fileName)
    {
        var expected = File.ReadAllText(Path.Combine(Schemas.Folder, fileName));

        var embedded = JsonSchemas.Read(fileName);

        embedded.Should().Be(expected);
    }

    [Test]
    public void Read_UnknownSchema_ThrowsNamingTheKnownOnes()
    {
        var act = () => JsonSchemas.Read("cases.schema.json");

        act.Should().Throw<FileNotFoundException>().WithMessage("*cases.schema.json*case.schema.json*");
    }

    [Test]
    public void ScenariosSchema_GivenCase_ResolvesTheCaseSchemaById()
    {
        var instance = JsonNode.Parse("""{ "scenarios": [{ "name": "n", "given": { "assessmentDate": "2026-13" } }] }""");

        var errors = Schemas.Errors("scenarios", instance);

        errors.Should().Contain(e => e.Contains("/scenarios/0/given/assessmentDate", StringComparison.Ordinal));
    }
}
