using System.Text.Json.Nodes;
using Json.Schema;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>The project's hand-written CDS Hooks 2.0 schema (Schema/cds-hooks-2.0.schema.json) and validation against it.</summary>
internal static class CdsHooksSchema
{
    private const string Id = "https://spinedecision.org/schema/cds-hooks-2.0.schema.json";

    private static readonly Lazy<JsonSchema> Main = new(() =>
        JsonSchema.FromFile(Path.Combine(TestContext.CurrentContext.TestDirectory, "Schema", "cds-hooks-2.0.schema.json")));

    /// <summary>The errors of a discovery response, as "location: message"; empty when valid.</summary>
    public static IReadOnlyList<string> DiscoveryErrors(JsonNode? instance) => Errors("discovery", instance);

    /// <summary>The errors of a hook response (cards and system actions); empty when valid.</summary>
    public static IReadOnlyList<string> ResponseErrors(JsonNode? instance) => Errors("response", instance);

    private static IReadOnlyList<string> Errors(string definition, JsonNode? instance)
    {
        var options = new Json.Schema.EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.SchemaRegistry.Register(Main.Value);
        var root = JsonSchema.FromText($$"""{ "$ref": "{{Id}}#/$defs/{{definition}}" }""");
        var results = root.Evaluate(instance, options);
        return results.IsValid
            ? []
            : [.. results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).DefaultIfEmpty("(invalid)")];
    }
}
