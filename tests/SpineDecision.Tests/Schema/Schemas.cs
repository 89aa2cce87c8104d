using System.Text.Json.Nodes;
using Json.Schema;
using SpineDecision.Tests.Cli;

namespace SpineDecision.Tests.Schema;

/// <summary>The JSON Schemas in rules/schema, loaded from the repository with their file URIs so relative $refs resolve.</summary>
internal static class Schemas
{
    public static string Folder => Path.Combine(CliRunner.RepositoryRoot, "rules", "schema");

    public static readonly IReadOnlyList<string> Names = ["rules", "vocabulary", "profile", "scenarios", "case", "report"];

    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Loaded = new(() =>
        Names.ToDictionary(n => n, n => JsonSchema.FromFile(PathOf(n)), StringComparer.Ordinal));

    public static string PathOf(string name) => Path.Combine(Folder, $"{name}.schema.json");

    public static JsonSchema Get(string name) => Loaded.Value[name];

    public static JsonObject Json(string name) => JsonNode.Parse(File.ReadAllText(PathOf(name)))!.AsObject();

    /// <summary>Validates and returns the errors as "location: message" lines; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string name, JsonNode? instance)
    {
        var options = new Json.Schema.EvaluationOptions { OutputFormat = OutputFormat.List };
        foreach (var schema in Loaded.Value.Values)
        {
            options.SchemaRegistry.Register(schema);
        }

        var results = Get(name).Evaluate(instance, options);
        return results.IsValid
            ? []
            : [.. results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).DefaultIfEmpty("(invalid)")];
    }
}
