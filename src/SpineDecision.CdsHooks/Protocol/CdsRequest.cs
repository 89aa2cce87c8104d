using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpineDecision.CdsHooks.Protocol;

/// <summary>
/// A CDS Hooks 2.0 request as sent. Only the members the service reads are declared; others (3.0-ballot fields,
/// <c>extension</c>) are ignored. <c>context</c> and <c>prefetch</c> stay JSON, since their shape depends on the hook and
/// on the EHR.
/// </summary>
internal sealed class CdsRequest
{
    [JsonPropertyName("hook")]
    public JsonElement Hook { get; set; }

    [JsonPropertyName("hookInstance")]
    public JsonElement HookInstance { get; set; }

    [JsonPropertyName("fhirServer")]
    public JsonElement FhirServer { get; set; }

    [JsonPropertyName("fhirAuthorization")]
    public JsonElement FhirAuthorization { get; set; }

    [JsonPropertyName("context")]
    public JsonElement Context { get; set; }

    [JsonPropertyName("prefetch")]
    public JsonElement Prefetch { get; set; }
}
