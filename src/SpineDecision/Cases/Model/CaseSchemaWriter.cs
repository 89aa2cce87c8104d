using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpineDecision.Schema;

namespace SpineDecision.Cases.Model;

/// <summary>
/// Writes <c>rules/schema/case.schema.json</c> (JSON Schema draft 2020-12) and the case-format field reference from
/// <see cref="CaseModel"/>. A test regenerates both and fails when the committed files differ, so the schema and the
/// documentation cannot drift from the records.
/// </summary>
internal static class CaseSchemaWriter
{
    private const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    /// <summary>The schema, indented, with <paramref name="describe"/> giving each type's and property's description.</summary>
    public static string Schema(Func<MemberInfo, string?> describe)
    {
        var defs = new JsonObject();
        var root = Record(CaseModel.Root, describe, defs);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = JsonSchemas.IdOf("case.schema.json"),
            ["title"] = "SpineDecision patient case (case format 2)",
            ["description"] = (describe(typeof(PatientCase)) ?? string.Empty)
                + " Unknown is not false: leave out (or write null) what was not documented; an empty list [] means 'reviewed, none'."
                + " Generated from the PatientCase records; do not edit by hand.",
        };
        foreach (var (key, value) in root)
        {
            schema[key] = value?.DeepClone();
        }

        schema["$defs"] = defs;
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The field reference in Markdown: one table per record, in model order.</summary>
    public static string Reference(Func<MemberInfo, string?> describe)
    {
        var text = new StringBuilder();
        text.Append("# Case format 2: field reference\n\n")
            .Append("Generated from the `PatientCase` records (`src/SpineDecision/Cases`) by `CaseSchemaTests`; do not edit by hand.\n")
            .Append("A field left out, or written `null`, is *not documented* (unknown). A list written `[]` is *reviewed, none*.\n")
            .Append("A concept is a vocabulary id (`rules/vocabulary/vocabulary.yaml`) or a code written `SYSTEM:code`. ")
            .Append("An item marked *key* may be written as its key alone; an item no concept covers is written with its `text`.\n");
        foreach (var type in CaseModel.Types)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## `{Name(type)}`\n\n{describe(type.ClrType)}\n\n")
                .Append("| key | value | unit / range | rule field | description |\n|---|---|---|---|---|\n");
            foreach (var field in type.Fields)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| `{field.Key}`{(field.IsKey ? " (key)" : string.Empty)}{(field.Required ? " (required)" : string.Empty)} | {Kind(field)} | {Range(field)} | {(field.ForRules ? "yes" : "no")} | {Cell(describe(field.Property))} |\n");
            }

            foreach (var derived in type.Derived)
            {
                text.Append(CultureInfo.InvariantCulture, $"| *{derived.Name}* | computed | | yes | {Cell(derived.Description)} |\n");
            }
        }

        return text.ToString();
    }

    private static string Name(CaseType type) => type == CaseModel.Root ? "case" : type.ClrType.Name;

    private static string Kind(CaseField field) => field.Kind switch
    {
        _ when field.IsLevels => field.Kind == CaseFieldKind.TextList ? "list of spinal levels (L4-L5, L4/5, L5)" : "spinal level or span (L4-L5, L4-S1)",
        CaseFieldKind.Concept => $"concept `{field.ConceptSet}`" + (field.ConceptDefault is { } d ? $" (rules read `{d}` when left out)" : string.Empty),
        CaseFieldKind.List => $"list of `{field.Type!.ClrType.Name}` (fact `{field.Fact!.Name}`)",
        CaseFieldKind.Object => $"`{field.Type!.ClrType.Name}`",
        CaseFieldKind.TextList => "list of text",
        CaseFieldKind.Date => "date yyyy-MM-dd",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static string Range(CaseField field) =>
        string.Join(" ", new[]
        {
            field.Unit,
            field.Min is { } min && field.Max is { } max ? string.Create(CultureInfo.InvariantCulture, $"{min}–{max}") : null,
        }.OfType<string>());

    private static string Cell(string? text) => (text ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal);

    private static JsonObject Record(CaseType type, Func<MemberInfo, string?> describe, JsonObject defs)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var field in type.Fields)
        {
            properties[field.Key] = Field(field, describe, defs);
            if (field.Required)
            {
                required.Add(field.Key);
            }
        }

        var schema = new JsonObject
        {
            ["description"] = describe(type.ClrType),
            // The root and list items are objects; a part of the case (pain, exam...) may be written null.
            ["type"] = type == CaseModel.Root || type.Key is not null ? "object" : new JsonArray("object", "null"),
            ["additionalProperties"] = false,
        };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        if (type.Key is { } key)
        {
            schema["anyOf"] = type.Text is null
                ? new JsonArray(new JsonObject { ["required"] = new JsonArray(key.Key) })
                : new JsonArray(new JsonObject { ["required"] = new JsonArray(key.Key) }, new JsonObject { ["required"] = new JsonArray("text") });
        }

        schema["properties"] = properties;
        return schema;
    }

    private static JsonObject Field(CaseField field, Func<MemberInfo, string?> describe, JsonObject defs)
    {
        var description = describe(field.Property);
        JsonObject schema = field.Kind switch
        {
            CaseFieldKind.Number => Numeric("number", field),
            CaseFieldKind.Integer => Numeric("integer", field),
            CaseFieldKind.Boolean => new JsonObject { ["type"] = new JsonArray("boolean", "null") },
            CaseFieldKind.Date => new JsonObject { ["type"] = field.Required ? "string" : new JsonArray("string", "null"), ["pattern"] = DatePattern },
            CaseFieldKind.Concept => new JsonObject { ["type"] = new JsonArray("string", "null"), ["minLength"] = 1 },
            CaseFieldKind.Text => new JsonObject { ["type"] = new JsonArray("string", "number", "null") },
            CaseFieldKind.TextList => new JsonObject { ["type"] = new JsonArray("array", "null"), ["items"] = new JsonObject { ["type"] = new JsonArray("string", "number") } },
            CaseFieldKind.Object => Record(field.Type!, describe, defs),
            CaseFieldKind.List => List(field, describe, defs),
            _ => [],
        };
        if (field.Kind != CaseFieldKind.Object)
        {
            var extra = field.Kind == CaseFieldKind.Concept ? $" A concept of the '{field.ConceptSet}' set, or a code." : string.Empty;
            var unit = field.Unit is null ? string.Empty : $" Unit: {field.Unit}.";
            schema = Prepend(schema, "description", (description + extra + unit).Trim());
        }

        return schema;
    }

    private static JsonObject List(CaseField field, Func<MemberInfo, string?> describe, JsonObject defs)
    {
        var name = field.Fact!.Name;
        defs[name] = Record(field.Type!, describe, defs);
        JsonNode items = new JsonObject { ["$ref"] = $"#/$defs/{name}" };
        if (field.Type!.Key is { } key)
        {
            items = new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["$ref"] = $"#/$defs/{name}" },
                    new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = $"The item written as its '{key.Key}' alone." }),
            };
        }

        return new JsonObject { ["type"] = new JsonArray("array", "null"), ["items"] = items };
    }

    private static JsonObject Numeric(string type, CaseField field)
    {
        var schema = new JsonObject { ["type"] = new JsonArray(type, "null") };
        if (field.Min is { } min)
        {
            schema["minimum"] = min;
        }

        if (field.Max is { } max)
        {
            schema["maximum"] = max;
        }

        return schema;
    }

    private static JsonObject Prepend(JsonObject schema, string key, string value)
    {
        var result = new JsonObject { [key] = value };
        foreach (var (k, v) in schema)
        {
            result[k] = v?.DeepClone();
        }

        return result;
    }
}
