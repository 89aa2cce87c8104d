namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// A fixed-window rate limit per client on <c>/cds-services</c>: partitioned by the token's issuer once authenticated,
/// by remote address otherwise. Past the limit the service answers 429 with <c>Retry-After</c>. The host must call
/// <c>app.UseRateLimiter()</c>.
/// </summary>
public sealed class CdsHooksRateLimitOptions
{
    /// <summary>Whether the limit applies.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client may make per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 1200;

    /// <summary>The window the permits refill over.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
