using System.Text.Json.Serialization;

namespace SpineDecision.CdsHooks.Protocol;

/// <summary>Source-generated JSON for the protocol: camelCase, nulls left out, no comments or trailing commas accepted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 128)]
[JsonSerializable(typeof(CdsRequest))]
[JsonSerializable(typeof(CdsResponse))]
[JsonSerializable(typeof(CdsDiscoveryResponse))]
internal sealed partial class CdsHooksJsonContext : JsonSerializerContext;
