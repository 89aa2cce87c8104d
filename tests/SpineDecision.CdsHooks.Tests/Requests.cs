using System.Text.Json.Nodes;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// Hand-written requests and the variations tests make of them. The base request is the README's sample
/// (samples/cds-hooks/order-sign-tfesi.json): a lumbar TFESI order for left L5 radicular pain after failed physical
/// therapy, which the default rules answer "proceed".
/// </summary>
internal static class Requests
{
    public const string OrderSign = "spine-procedure-order-sign";
    public const string OrderSelect = "spine-procedure-order-select";
    public const string PatientView = "spine-pathway";

    public static JsonObject Tfesi() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestData.RepositoryRoot(), "samples", "cds-hooks", "order-sign-tfesi.json")))!.AsObject();

    public static JsonObject Order(this JsonObject request) =>
        request["context"]!["draftOrders"]!["entry"]![0]!["resource"]!.AsObject();

    public static JsonObject Prefetch(this JsonObject request) => request["prefetch"]!.AsObject();

    /// <summary>Adds a resource to a prefetch searchset (created when absent or null).</summary>
    public static JsonObject AddToPrefetch(this JsonObject request, string key, string resourceJson)
    {
        var prefetch = request.Prefetch();
        if (prefetch[key] is not JsonObject bundle)
        {
            bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray() };
            prefetch[key] = bundle;
        }

        bundle["entry"]!.AsArray().Add(new JsonObject { ["resource"] = JsonNode.Parse(resourceJson) });
        return request;
    }

    /// <summary>Replaces the value of a clinical case-field observation (by resource id) in the prefetch.</summary>
    public static JsonObject SetClinicalObservation(this JsonObject request, string id, string valueMember, JsonNode value)
    {
        var entry = request.Prefetch()["clinicalObservations"]!["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).Single(r => (string?)r["id"] == id);
        entry[valueMember] = value;
        return request;
    }

    public static JsonObject WithOrderCode(this JsonObject request, string system, string code)
    {
        request.Order()["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };
        return request;
    }

    /// <summary>Replaces the order's code with several codings (a concept beside its billing code).</summary>
    public static JsonObject WithOrderCodes(this JsonObject request, params (string System, string Code)[] codings)
    {
        request.Order()["code"] = new JsonObject { ["coding"] = new JsonArray([.. codings.Select(c => (JsonNode)new JsonObject { ["system"] = c.System, ["code"] = c.Code })]) };
        return request;
    }

    public static string Text(this JsonObject request) => request.ToJsonString();

    public const string Cpt = "http://www.ama-assn.org/go/cpt";
}
