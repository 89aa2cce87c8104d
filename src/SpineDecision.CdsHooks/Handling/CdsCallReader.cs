using System.Text.Json;
using SpineDecision.CdsHooks.Protocol;
using SpineDecision.CdsHooks.Services;

namespace SpineDecision.CdsHooks.Handling;

/// <summary>
/// Reads and checks a hook request against CDS Hooks 2.0: a malformed body or a missing or mistyped required member is a
/// <see cref="CdsRequestException"/> naming the JSON path. Members the service does not read (3.0-ballot fields,
/// <c>extension</c>) are tolerated; so are shapes real EHRs send (a <c>Patient/</c> prefix on <c>patientId</c>, a
/// draftOrders Bundle without <c>type</c>).
/// </summary>
internal static class CdsCallReader
{
    public static CdsCall Read(ReadOnlySpan<byte> body, CdsServiceDefinition service)
    {
        CdsRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, CdsHooksJsonContext.Default.CdsRequest);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ');
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new CdsRequestException(e.Path ?? "$", $"the request is not a valid JSON object{where}: {reason}", e);
        }

        if (request is null)
        {
            throw new CdsRequestException("$", "expected a CDS Hooks request object, found null");
        }

        var hook = RequiredString(request.Hook, "$.hook");
        if (hook != service.Hook)
        {
            throw new CdsRequestException("$.hook", $"service '{service.Id}' answers the '{service.Hook}' hook, but the request is for '{hook}'");
        }

        var hookInstance = RequiredString(request.HookInstance, "$.hookInstance");
        var context = request.Context;
        if (context.ValueKind != JsonValueKind.Object)
        {
            throw new CdsRequestException("$.context", $"expected an object, found {Describe(context)}");
        }

        var patientId = RequiredString(Member(context, "patientId"), "$.context.patientId");
        if (patientId.StartsWith("Patient/", StringComparison.Ordinal))
        {
            patientId = patientId["Patient/".Length..];
        }

        var orders = service.AnswersOrders ? ReadOrders(context, service.Hook) : [];
        return new CdsCall(hookInstance, patientId, context, ReadPrefetch(request.Prefetch), ReadFhirServer(request.FhirServer),
            ReadAccessToken(request.FhirAuthorization), orders);
    }

    private static JsonElement? ReadPrefetch(JsonElement prefetch) => prefetch.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.Object => prefetch.EnumerateObject().Any() ? prefetch : null,
        _ => throw new CdsRequestException("$.prefetch", $"expected an object of prefetch results, found {Describe(prefetch)}"),
    };

    private static Uri? ReadFhirServer(JsonElement fhirServer)
    {
        if (fhirServer.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        var text = RequiredString(fhirServer, "$.fhirServer");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CdsRequestException("$.fhirServer", $"expected an absolute http or https URL, found \"{text}\"");
        }

        return uri;
    }

    private static string? ReadAccessToken(JsonElement authorization)
    {
        if (authorization.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (authorization.ValueKind != JsonValueKind.Object)
        {
            throw new CdsRequestException("$.fhirAuthorization", $"expected an object, found {Describe(authorization)}");
        }

        var tokenType = RequiredString(Member(authorization, "token_type"), "$.fhirAuthorization.token_type");
        if (!tokenType.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new CdsRequestException("$.fhirAuthorization.token_type", $"expected \"Bearer\", found \"{tokenType}\"");
        }

        return RequiredString(Member(authorization, "access_token"), "$.fhirAuthorization.access_token");
    }

    private static List<DraftOrder> ReadOrders(JsonElement context, string hook)
    {
        var draftOrders = Member(context, "draftOrders");
        if (draftOrders.ValueKind != JsonValueKind.Object)
        {
            throw new CdsRequestException("$.context.draftOrders", $"the {hook} hook requires a Bundle of draft orders, found {Describe(draftOrders)}");
        }

        if (Member(draftOrders, "resourceType") is not { ValueKind: JsonValueKind.String } type || type.GetString() != "Bundle")
        {
            throw new CdsRequestException("$.context.draftOrders.resourceType", "expected \"Bundle\"");
        }

        var selections = hook == CdsServiceCatalogue.OrderSelect ? ReadSelections(context) : null;
        var orders = new List<DraftOrder>();
        var entries = Member(draftOrders, "entry");
        if (entries.ValueKind == JsonValueKind.Undefined)
        {
            return orders;
        }

        if (entries.ValueKind != JsonValueKind.Array)
        {
            throw new CdsRequestException("$.context.draftOrders.entry", $"expected an array, found {Describe(entries)}");
        }

        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var path = $"$.context.draftOrders.entry[{index++}].resource";
            var resource = entry.ValueKind == JsonValueKind.Object ? Member(entry, "resource") : default;
            if (resource.ValueKind != JsonValueKind.Object)
            {
                throw new CdsRequestException(path, $"expected a FHIR resource, found {Describe(resource)}");
            }

            var resourceType = RequiredString(Member(resource, "resourceType"), path + ".resourceType");
            var id = Member(resource, "id") is { ValueKind: JsonValueKind.String } idElement ? idElement.GetString() : null;
            if (selections is null || (id is not null && selections.Contains($"{resourceType}/{id}")))
            {
                orders.Add(new DraftOrder(path, resourceType, string.IsNullOrEmpty(id) ? null : id, resource));
            }
        }

        return orders;
    }

    /// <summary>order-select's <c>selections</c>: the orders just selected; when absent, every draft order is answered.</summary>
    private static HashSet<string>? ReadSelections(JsonElement context)
    {
        var selections = Member(context, "selections");
        if (selections.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        if (selections.ValueKind != JsonValueKind.Array)
        {
            throw new CdsRequestException("$.context.selections", $"expected an array of references, found {Describe(selections)}");
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var selection in selections.EnumerateArray())
        {
            set.Add(RequiredString(selection, $"$.context.selections[{index++}]"));
        }

        return set;
    }

    public static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string RequiredString(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new CdsRequestException(path, element.ValueKind == JsonValueKind.Undefined ? "required, but missing" : $"expected a string, found {Describe(element)}");
        }

        var text = element.GetString();
        return string.IsNullOrWhiteSpace(text) ? throw new CdsRequestException(path, "expected a non-empty string") : text;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
