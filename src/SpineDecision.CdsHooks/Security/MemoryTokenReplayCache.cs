using System.Collections.Concurrent;

namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// The replay cache of a single instance: atomic, in memory, swept of expired entries as it grows. Several instances
/// behind a load balancer need a shared <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>.
/// </summary>
internal sealed class MemoryTokenReplayCache(TimeProvider time) : ITokenReplayCache
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _added;

    public ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _added) % SweepEvery == 0)
        {
            Sweep(now);
        }

        if (_seen.TryAdd(key, expiresAt))
        {
            return ValueTask.FromResult(true);
        }

        // An expired entry no longer guards anything (the token itself is refused as expired): take its place atomically.
        return ValueTask.FromResult(_seen.TryGetValue(key, out var previous) && previous <= now && _seen.TryUpdate(key, expiresAt, previous));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var entry in _seen)
        {
            if (entry.Value <= now)
            {
                _seen.TryRemove(entry);
            }
        }
    }
}
