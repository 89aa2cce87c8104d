using System.Text.Json;

namespace SpineDecision.CdsHooks.Handling;

/// <summary>A validated hook call: what the handler needs, with JSON paths already checked.</summary>
/// <param name="HookInstance">The EHR's id of this call; card uuids derive from it.</param>
/// <param name="PatientId">The patient's bare id (a <c>Patient/</c> prefix, as some EHRs send it, is removed).</param>
/// <param name="Context">The request's context object, for prefetch tokens.</param>
/// <param name="Prefetch">The prefetch object; null when the request carries none (absent, null or <c>{}</c>).</param>
/// <param name="FhirServer">The EHR's FHIR base URL, when given.</param>
/// <param name="AccessToken">The bearer token of <c>fhirAuthorization</c>, when given.</param>
/// <param name="Orders">The drafted orders to answer (order hooks); empty for patient-view.</param>
internal sealed record CdsCall(
    string HookInstance,
    string PatientId,
    JsonElement Context,
    JsonElement? Prefetch,
    Uri? FhirServer,
    string? AccessToken,
    IReadOnlyList<DraftOrder> Orders);

/// <summary>One drafted order from <c>context.draftOrders</c>.</summary>
/// <param name="Path">Its JSON path in the request.</param>
/// <param name="ResourceType">Its FHIR resource type.</param>
/// <param name="Id">Its id, when it has one (needed to delete or update it).</param>
/// <param name="Resource">The resource as sent.</param>
internal sealed record DraftOrder(string Path, string ResourceType, string? Id, JsonElement Resource)
{
    /// <summary>The reference a card targets: <c>ServiceRequest/123</c>, or the path when the order has no id.</summary>
    public string Target => Id is null ? Path : $"{ResourceType}/{Id}";
}
