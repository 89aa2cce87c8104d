namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// Trust settings per CDS Hooks 2.0 "Trusting CDS Clients": which issuers may call, with which keys and algorithms.
/// Every request under <c>/cds-services</c> needs <c>Authorization: Bearer &lt;JWT&gt;</c> signed by a trusted issuer;
/// only the Development environment listening on loopback alone turns this off.
/// </summary>
public sealed class CdsHooksSecurityOptions
{
    /// <summary>The algorithms accepted when <see cref="Algorithms"/> is empty: ES384 and RS384, which the spec recommends.</summary>
    public static readonly IReadOnlyList<string> DefaultAlgorithms = ["ES384", "RS384"];

    /// <summary>The CDS clients (JWT issuers) allowed to call, with their keys. None by default: nothing is trusted.</summary>
    public IList<CdsHooksTrustedIssuer> TrustedIssuers { get; } = [];

    /// <summary>
    /// The JWS algorithms accepted; <see cref="DefaultAlgorithms"/> when empty. <c>none</c> and the HMAC algorithms
    /// (<c>HS256</c>, …) are refused at start-up: the spec forbids them.
    /// </summary>
    public IList<string> Algorithms { get; } = [];

    /// <summary>
    /// The service's public base URL as CDS clients call it (for example <c>https://cds.example.org</c>), when the
    /// host sits behind a load balancer or proxy that changes scheme, host or path. A token's <c>aud</c> must equal
    /// this base followed by the request path. When <see langword="null"/>, the request's own scheme, host and path
    /// base are used (see ForwardedHeaders).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How far <c>exp</c> and <c>iat</c> may be off the server's clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest lifetime (<c>exp</c> − <c>iat</c>) accepted; it also bounds how long a <c>jti</c> is remembered.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long fetching an issuer's JWK Set may take.</summary>
    public TimeSpan JwksTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a fetched JWK Set is used before it is fetched again.</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The shortest time between two fetches of one JWK Set when a token names a key it lacks (key rotation).</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body accepted under <c>/cds-services</c>, in bytes (larger: 413).</summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The per-client rate limit on <c>/cds-services</c>.</summary>
    public CdsHooksRateLimitOptions RateLimit { get; set; } = new();
}
