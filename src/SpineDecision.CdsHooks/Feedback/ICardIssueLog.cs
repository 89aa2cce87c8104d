namespace SpineDecision.CdsHooks.Feedback;

/// <summary>
/// Records which cards a hook instance was answered with, so that feedback on them is accepted later, even by another
/// instance of the service. The call endpoint writes it; the feedback endpoint reads it.
/// </summary>
internal interface ICardIssueLog
{
    /// <summary>Records the cards (by uuid) issued for one call.</summary>
    ValueTask RecordIssuedAsync(string serviceId, string hookInstance, IReadOnlyList<string> cardUuids, DateTimeOffset issuedAt, CancellationToken cancellationToken);

    /// <summary>Whether a card uuid was issued by this service (any instance) for the service id.</summary>
    ValueTask<bool> WasIssuedAsync(string serviceId, string cardUuid, CancellationToken cancellationToken);
}
