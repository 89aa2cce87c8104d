using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// A fixed window per client: the authenticated issuer when there is one, else the remote address. Past the limit:
/// 429 with <c>Retry-After</c>, whatever the host's global rejection status is.
/// </summary>
internal sealed class CdsHooksRateLimitPolicy(IOptions<CdsHooksOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy name the route group requires.</summary>
    public const string Name = "SpineDecision.CdsHooks";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var limit = options.Value.Security.RateLimit;
        if (!limit.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var issuer = httpContext.User.FindFirst(CdsHooksAuthenticationHandler.IssuerClaim)?.Value;
        var client = issuer is not null ? "iss:" + issuer : "ip:" + httpContext.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
