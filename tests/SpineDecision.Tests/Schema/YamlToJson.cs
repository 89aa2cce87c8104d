using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Yaml;

namespace SpineDecision.Tests.Schema;

/// <summary>
/// Turns YAML into the JSON a YAML editor validates against a schema, through the project's own safe reader:
/// quoted scalars are strings; plain true/false are booleans, plain YAML 1.2 numbers are numbers, plain null/~/empty
/// is null; everything else is a string (so 2026-11-01 and 1.0.0 stay strings, as in yaml-language-server).
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode? Convert(string yaml, string file = "test.yaml")
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTreeReader.Read(yaml, file, diagnostics);
        diagnostics.Items.Should().BeEmpty($"{file} must be well-formed YAML to be validated against a schema");
        return root is null ? null : Convert(root);
    }

    public static JsonNode? Convert(YNode node) => node switch
    {
        YMapping map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, Convert(e.Value)))),
        YSequence list => new JsonArray([.. list.Items.Select(Convert)]),
        YScalar { Quoted: true } s => JsonValue.Create(s.Value),
        YScalar { IsNull: true } => null,
        YScalar { Value: "true" or "True" or "TRUE" } => JsonValue.Create(true),
        YScalar { Value: "false" or "False" or "FALSE" } => JsonValue.Create(false),
        YScalar s when Integer().IsMatch(s.Value) && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YScalar s when Number().IsMatch(s.Value) => JsonValue.Create(double.Parse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture)),
        YScalar s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException($"unexpected node {node.GetType().Name}"),
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    /// <summary>The YAML 1.2 core schema's float syntax (without .inf and .nan, which JSON cannot carry).</summary>
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Number();
}
