using System.Runtime.InteropServices;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// The reference reader of JSON input, which <see cref="FhirJsonStream"/> is tested against, and the helpers both
/// share. Reads JSON text into resources: a Bundle (any type, nested Bundles included), a single resource, or a CDS Hooks
/// prefetch object (members that are resources, Bundles, batch-response entries or null). Each resource is parsed on its
/// own, by Firely, so one that fails is skipped and reported instead of failing the input.
/// </summary>
internal sealed class FhirJsonInput
{
    // Parse errors (wrong JSON type, unknown element) fail a resource; missing required elements do not: real EHR data often lacks them.
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings { Validator = null });

    private readonly FhirMappingOptions _options;
    private readonly MappingSession _session;
    private readonly List<(string Source, ResourcePath Path, Resource Resource)> _resources = [];

    public FhirJsonInput(FhirMappingOptions options, MappingSession session)
    {
        _options = options;
        _session = session;
    }

    public List<(string Source, ResourcePath Path, Resource Resource)> Read(string json)
    {
        CheckSize(json, _options);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = _options.MaxDepth });
        }
        catch (JsonException e)
        {
            throw Malformed(json, e, _options.MaxDepth);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FhirMappingException($"expected a FHIR R4 resource, a Bundle or a CDS Hooks prefetch object, found a JSON {root.ValueKind}", "$");
            }

            if (root.TryGetProperty("resourceType", out var type))
            {
                var name = type.ValueKind == JsonValueKind.String ? type.GetString() : null;
                if (name is null || !ModelInfo.IsKnownResource(name))
                {
                    throw new FhirMappingException($"'{type}' is not a FHIR R4 resource type", "$.resourceType");
                }

                ReadResource(root, "$");
            }
            else
            {
                foreach (var member in root.EnumerateObject())
                {
                    ReadPrefetchMember(member, $"$.{member.Name}");
                }
            }
        }

        return _resources;
    }

    public static void CheckSize(string json, FhirMappingOptions options)
    {
        if (json.Length > options.MaxInputCharacters)
        {
            throw new FhirMappingException($"the input has {json.Length:N0} characters; the limit is {options.MaxInputCharacters:N0} (FhirMappingOptions.MaxInputCharacters)", "$");
        }
    }

    public static FhirMappingException Malformed(string json, JsonException e, int maxDepth)
    {
        var reason = e.Message.Split(" LineNumber:")[0];
        return new FhirMappingException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {reason}", JsonPathAtError(json, maxDepth), e);
    }

    public static FhirMappingException TooManyResources(FhirMappingOptions options, ResourcePath path) =>
        new($"more than {options.MaxResources:N0} resources (FhirMappingOptions.MaxResources)", path.ToString());

    public static string Label(string type, string? id, ResourcePath path) => id is null ? $"{type} at {path}" : $"{type}/{id}";

    public static string NotAResourceType(ResourcePath path, string? type) => $"{path}.resourceType: '{type ?? "(missing)"}' is not a FHIR R4 resource type";

    /// <summary>A resource parsed by Firely from its own UTF-8 bytes; null, reported, when Firely rejects it.</summary>
    public static Resource? ParseWithFirely(MappingSession session, string label, ResourcePath path, ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        string? error;
        Resource? parsed;
        try
        {
            error = Deserializer.TryDeserializeResource(ref reader, out parsed, out var issues) && parsed is not null && !issues.Any() ? null
                : issues.FirstOrDefault()?.Message ?? "unreadable";
        }
        catch (InvalidOperationException e)
        {
            // Firely reads a string with a lone surrogate escape (\uD800) with GetString, which throws.
            (error, parsed) = (e.Message, null);
        }

        if (error is not null)
        {
            session.Ignore(label, FhirIgnoreReason.ParseFailed, $"{path}: not valid FHIR R4: {error}");
            return null;
        }

        return parsed;
    }

    /// <summary>The JSON path of the last value read before the text stops being JSON (JsonDocument gives no path).</summary>
    private static string JsonPathAtError(string json, int maxDepth)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = maxDepth });
        var path = new Stack<(string? Property, int Index)>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path, pendingProperty);
                        path.Push((null, reader.TokenType == JsonTokenType.StartArray ? -1 : -2));
                        pendingProperty = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Pop();
                        break;
                    default:
                        Advance(path, pendingProperty);
                        pendingProperty = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The path stands where the reader stopped.
        }

        return "$" + string.Concat(path.Reverse().Select(p => p.Property is null ? "" : p.Index >= 0 ? $"[{p.Index}]" : $".{p.Property}"));
    }

    /// <summary>Moves the innermost container on to its next member or element.</summary>
    private static void Advance(Stack<(string? Property, int Index)> path, string? property)
    {
        if (path.Count == 0)
        {
            return;
        }

        var (_, index) = path.Pop();
        path.Push(index >= -1 ? ("[]", index + 1) : (property, -2));
    }

    private void ReadPrefetchMember(JsonProperty member, string path)
    {
        var value = member.Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            _session.Ignore($"prefetch {member.Name}", FhirIgnoreReason.Unused, "null: no data (not \"none\")");
        }
        else if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("resourceType", out _))
        {
            ReadResource(value, path);
        }
        else if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("resource", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
        {
            ReadResource(wrapped, path + ".resource"); // a batch-response entry where the resource belongs
        }
        else
        {
            _session.Ignore(path, FhirIgnoreReason.ParseFailed, $"expected a FHIR resource, a Bundle or null, found a JSON {value.ValueKind}");
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void ReadResource(JsonElement element, string path)
    {
        if (_resources.Count >= _options.MaxResources)
        {
            throw TooManyResources(_options, path);
        }

        var type = element.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "Bundle" && element.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var entryPath = $"{path}.entry[{index++}]";
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object)
                {
                    ReadResource(resource, entryPath + ".resource");
                }
            }

            return;
        }

        var label = type is null ? path : Label(type, element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null, path);
        if (type is null || (!MappingSession.ReadResourceTypes.Contains(type) && !ModelInfo.IsKnownResource(type)))
        {
            _session.Ignore(label, FhirIgnoreReason.ParseFailed, NotAResourceType(path, type));
            return;
        }

        if (!MappingSession.ReadResourceTypes.Contains(type))
        {
            // A type the mapping never reads: counted without parsing it (Synthea bundles are mostly claims).
            _session.TallyUnsupported(type);
            return;
        }

        var status = String(element, "status");
        if (type == "Encounter")
        {
            var period = element.TryGetProperty("period", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var coding = element.TryGetProperty("class", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            _session.MapEncounter(label, status, String(coding, "code"), String(period, "start"), String(period, "end"));
            return;
        }

        if (!_session.ScreenStatus(label, type, status))
        {
            return; // not current: reported without parsing
        }

        // The reference parses every resource with Firely, from its own UTF-8 bytes.
        if (ParseWithFirely(_session, label, path, JsonMarshal.GetRawUtf8Value(element), _options.MaxDepth) is { } parsed)
        {
            _resources.Add((label, path, parsed));
        }
    }
}
