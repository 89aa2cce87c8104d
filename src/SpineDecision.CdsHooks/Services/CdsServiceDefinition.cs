namespace SpineDecision.CdsHooks.Services;

/// <summary>One CDS service as discovery lists it and as the call endpoint routes to it.</summary>
/// <param name="Id">The service id, the last segment of <c>/cds-services/{id}</c>.</param>
/// <param name="Hook">The one hook it answers (CDS Hooks 2.0 gives a service a single hook).</param>
/// <param name="Title">Short title for the EHR's configuration screens.</param>
/// <param name="Description">What the service does.</param>
/// <param name="AnswersOrders">Whether it answers the drafted orders (order-select, order-sign) rather than the patient (patient-view).</param>
internal sealed record CdsServiceDefinition(string Id, string Hook, string Title, string Description, bool AnswersOrders);
