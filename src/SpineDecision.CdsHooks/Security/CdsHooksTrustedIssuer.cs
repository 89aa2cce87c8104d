namespace SpineDecision.CdsHooks.Security;

/// <summary>One CDS client trusted to call the service: its <c>iss</c> and where its public keys come from.</summary>
public sealed class CdsHooksTrustedIssuer
{
    /// <summary>The exact <c>iss</c> the client's tokens carry, for example <c>https://fhir-ehr.example.com/</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// The JWK Set URLs allowed for this issuer: a token's <c>jku</c> must be one of them exactly. When a token has no
    /// <c>jku</c>, these sets and <see cref="Keys"/> are the keys agreed out of band. HTTPS only, except on loopback.
    /// </summary>
    public IList<string> JwksUrls { get; } = [];

    /// <summary>
    /// Public keys configured out of band, each a JWK written as configuration (members <c>kty</c>, <c>kid</c>,
    /// <c>crv</c>, <c>x</c>, <c>y</c> or <c>n</c>, <c>e</c>, optionally <c>alg</c> and <c>use</c>).
    /// </summary>
    public IList<IDictionary<string, string>> Keys { get; } = [];
}
