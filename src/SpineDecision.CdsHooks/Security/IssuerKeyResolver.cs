using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// Finds the public key a trusted issuer signed with: among the keys configured out of band, or in a JWK Set fetched
/// from an allow-listed URL with a timeout and cached. A set is fetched again when it is older than the cache
/// duration, or when a token names a key it lacks and the last fetch is older than the refresh interval.
/// </summary>
internal sealed partial class IssuerKeyResolver : IDisposable
{
    /// <summary>The named HTTP client JWK Sets are fetched with (no redirects, bounded response).</summary>
    public const string HttpClientName = "SpineDecision.CdsHooks.Jwks";

    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly ILogger<IssuerKeyResolver> _logger;
    private readonly CdsHooksSecurityOptions _options;
    private readonly Dictionary<string, IReadOnlyList<JsonWebKey>> _configuredKeys;
    private readonly ConcurrentDictionary<string, FetchedKeys> _fetched = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _fetchGate = new(1, 1);

    public IssuerKeyResolver(IHttpClientFactory httpClients, TimeProvider time, IOptions<CdsHooksOptions> options, ILogger<IssuerKeyResolver> logger)
    {
        _httpClients = httpClients;
        _time = time;
        _logger = logger;
        _options = options.Value.Security;
        _configuredKeys = _options.TrustedIssuers.ToDictionary(
            issuer => issuer.Issuer,
            issuer => (IReadOnlyList<JsonWebKey>)issuer.Keys.Select(ToJsonWebKey).ToList(),
            StringComparer.Ordinal);
    }

    public void Dispose() => _fetchGate.Dispose();

    /// <summary>Turns a JWK written as configuration into a key.</summary>
    /// <exception cref="ArgumentException">The members do not form a JWK.</exception>
    public static JsonWebKey ToJsonWebKey(IDictionary<string, string> members) => new(JsonSerializer.Serialize(members));

    /// <summary>
    /// The key with <paramref name="keyId"/>: from <paramref name="jku"/> when the token names one (already checked
    /// against the allow-list), else from the issuer's out-of-band keys and JWK Set URLs.
    /// </summary>
    public async ValueTask<(JsonWebKey? Key, TokenRejection? Rejection)> ResolveAsync(CdsHooksTrustedIssuer issuer, string keyId, string? jku, CancellationToken cancellationToken)
    {
        if (jku is null && _configuredKeys.TryGetValue(issuer.Issuer, out var configured) && Find(configured, keyId) is { } inline)
        {
            return (inline, null);
        }

        var urls = jku is null ? issuer.JwksUrls : [jku];
        var anyFetched = false;
        foreach (var url in urls)
        {
            var keys = await GetAsync(url, keyId, cancellationToken).ConfigureAwait(false);
            anyFetched |= keys is not null;
            if (keys is not null && Find(keys, keyId) is { } found)
            {
                return (found, null);
            }
        }

        return (null, urls.Count > 0 && !anyFetched ? TokenRejection.KeysUnavailable : TokenRejection.UnknownKey);
    }

    private static JsonWebKey? Find(IReadOnlyList<JsonWebKey> keys, string keyId) =>
        keys.FirstOrDefault(key => string.Equals(key.Kid, keyId, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(key.Use) || string.Equals(key.Use, "sig", StringComparison.Ordinal)));

    private async ValueTask<IReadOnlyList<JsonWebKey>?> GetAsync(string url, string keyId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_fetched.TryGetValue(url, out var cached) && IsUsable(cached, keyId, now))
        {
            return cached.Keys;
        }

        await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched it while this one waited.
            if (_fetched.TryGetValue(url, out cached) && IsUsable(cached, keyId, _time.GetUtcNow()))
            {
                return cached.Keys;
            }

            var keys = await FetchAsync(url, cancellationToken).ConfigureAwait(false);
            if (keys is null)
            {
                // Keep using what was fetched before rather than refusing every caller while the issuer is down.
                return cached?.Keys;
            }

            _fetched[url] = new FetchedKeys(keys, _time.GetUtcNow());
            return keys;
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    private bool IsUsable(FetchedKeys cached, string keyId, DateTimeOffset now)
    {
        var age = now - cached.FetchedAt;
        if (age >= _options.JwksCacheDuration)
        {
            return false;
        }

        return Find(cached.Keys, keyId) is not null || age < _options.JwksRefreshInterval;
    }

    private async Task<IReadOnlyList<JsonWebKey>?> FetchAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var client = _httpClients.CreateClient(HttpClientName);
            client.Timeout = _options.JwksTimeout;
            client.MaxResponseContentBufferSize = 256 * 1024;
            using var response = await client.GetAsync(new Uri(url, UriKind.Absolute), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchFailed(url, $"HTTP {(int)response.StatusCode}");
                return null;
            }

            var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var keys = new JsonWebKeySet(json).Keys.ToList();
            LogFetched(url, keys.Count);
            return keys;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or ArgumentException or InvalidOperationException)
        {
            LogFetchFailed(url, exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched the JWK Set {Url}: {Count} keys")]
    private partial void LogFetched(string url, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the JWK Set {Url}: {Reason}")]
    private partial void LogFetchFailed(string url, string reason);

    private sealed record FetchedKeys(IReadOnlyList<JsonWebKey> Keys, DateTimeOffset FetchedAt);
}
