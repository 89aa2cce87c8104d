namespace SpineDecision.CdsHooks.Security;

/// <summary>Remembers the <c>jti</c> of every accepted token until it expires, so that a replay is refused.</summary>
internal interface ITokenReplayCache
{
    /// <summary>
    /// Records <paramref name="key"/> until <paramref name="expiresAt"/>; <see langword="false"/> when it was already
    /// recorded (a replay).
    /// </summary>
    ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
