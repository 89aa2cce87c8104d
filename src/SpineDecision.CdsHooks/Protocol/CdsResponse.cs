using System.Text.Json.Nodes;

namespace SpineDecision.CdsHooks.Protocol;

// The response shapes of CDS Hooks 2.0. Optional members are null when absent and never written; lists are null rather
// than empty (only "cards" may be empty), so a response never carries null, "", [] or {}.

/// <summary>The answer to a hook call.</summary>
internal sealed record CdsResponse(IReadOnlyList<CdsCard> Cards, IReadOnlyList<CdsAction>? SystemActions = null);

/// <summary>One card.</summary>
internal sealed record CdsCard(
    string Uuid,
    string Summary,
    string Indicator,
    CdsSource Source,
    string? Detail = null,
    IReadOnlyList<CdsSuggestion>? Suggestions = null,
    string? SelectionBehavior = null,
    IReadOnlyList<CdsCoding>? OverrideReasons = null,
    IReadOnlyList<CdsLink>? Links = null);

/// <summary>Where a card's content comes from.</summary>
internal sealed record CdsSource(string Label, string? Url = null);

/// <summary>A suggested set of actions.</summary>
internal sealed record CdsSuggestion(string Label, string Uuid, IReadOnlyList<CdsAction> Actions, bool? IsRecommended = null);

/// <summary>A create, update or delete of a FHIR resource.</summary>
internal sealed record CdsAction(string Type, string Description, JsonObject? Resource = null, string? ResourceId = null);

/// <summary>A FHIR Coding, as overrideReasons carry them.</summary>
internal sealed record CdsCoding(string Code, string System, string Display);

/// <summary>A link to more information.</summary>
internal sealed record CdsLink(string Label, string Url, string Type);

/// <summary>Discovery: the services offered.</summary>
internal sealed record CdsDiscoveryResponse(IReadOnlyList<CdsServiceDescriptor> Services);

/// <summary>One service in discovery.</summary>
internal sealed record CdsServiceDescriptor(string Hook, string Title, string Description, string Id, IReadOnlyDictionary<string, string> Prefetch);
