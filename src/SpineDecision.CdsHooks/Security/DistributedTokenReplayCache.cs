using Microsoft.Extensions.Caching.Distributed;

namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// The replay cache shared by several instances through <see cref="IDistributedCache"/> (Redis, SQL Server, …).
/// <see cref="IDistributedCache"/> has no atomic add, so two instances receiving the same token within one round trip
/// of the cache could both accept it; every later replay is refused.
/// </summary>
internal sealed class DistributedTokenReplayCache(IDistributedCache cache, TimeProvider time) : ITokenReplayCache
{
    private const string Prefix = "spinedecision:cdshooks:jti:";
    private static readonly byte[] Seen = [1];

    public async ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var cacheKey = Prefix + key;
        if (await cache.GetAsync(cacheKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var lifetime = expiresAt - time.GetUtcNow();
        await cache.SetAsync(cacheKey, Seen, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1) }, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
