using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SpineDecision.CdsHooks.Tests.Support;

/// <summary>A CDS client for tests: an issuer with its own signing key, which writes bearer tokens the way an EHR does.</summary>
internal sealed class TestClient
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SecurityKey _signingKey;

    private TestClient(string issuer, SecurityKey signingKey, JsonWebKey publicKey, string algorithm)
    {
        Issuer = issuer;
        _signingKey = signingKey;
        PublicKey = publicKey;
        Algorithm = algorithm;
    }

    public string Issuer { get; }

    public string Algorithm { get; }

    public JsonWebKey PublicKey { get; }

    /// <summary>The public key as a JWK Set document.</summary>
    public string JwksJson => JsonSerializer.Serialize(new { keys = new[] { PublicMembers() } });

    /// <summary>A fresh P-384 key signing ES384.</summary>
    public static TestClient Es384(string issuer = "https://ehr.test.example/", string keyId = "es-1")
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var key = new ECDsaSecurityKey(ecdsa) { KeyId = keyId };
        return new TestClient(issuer, key, Public(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key)), SecurityAlgorithms.EcdsaSha384);
    }

    /// <summary>A fresh 2048-bit RSA key signing RS384.</summary>
    public static TestClient Rs384(string issuer = "https://rsa-ehr.test.example/", string keyId = "rs-1")
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = keyId };
        return new TestClient(issuer, key, Public(JsonWebKeyConverter.ConvertFromRSASecurityKey(key)), SecurityAlgorithms.RsaSha384);
    }

    /// <summary>A client signing with a private JWK (the spec's example key).</summary>
    public static TestClient FromPrivateJwk(string issuer, string privateJwkJson)
    {
        var key = new JsonWebKey(privateJwkJson);
        var publicKey = new JsonWebKey(privateJwkJson) { D = null };
        return new TestClient(issuer, key, publicKey, key.Alg);
    }

    /// <summary>The public key's members as configuration would hold them.</summary>
    public Dictionary<string, string> PublicMembers()
    {
        var members = new Dictionary<string, string> { ["kty"] = PublicKey.Kty, ["kid"] = PublicKey.Kid, ["use"] = "sig", ["alg"] = Algorithm };
        if (PublicKey.Kty == "EC")
        {
            members["crv"] = PublicKey.Crv;
            members["x"] = PublicKey.X;
            members["y"] = PublicKey.Y;
        }
        else
        {
            members["n"] = PublicKey.N;
            members["e"] = PublicKey.E;
        }

        return members;
    }

    /// <summary>A signed token for <paramref name="audience"/>, valid for five minutes unless told otherwise.</summary>
    public string Token(string audience, string? jku = null, string? jti = null, string? issuer = null, DateTime? issuedAt = null, DateTime? expires = null, string? keyId = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        var header = new Dictionary<string, object>();
        if (jku is not null)
        {
            header["jku"] = jku;
        }

        var signingKey = _signingKey;
        if (keyId is not null)
        {
            signingKey = Rekey(keyId);
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = null,
            Expires = expires ?? now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["jti"] = jti ?? Guid.NewGuid().ToString() },
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(signingKey, Algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public string UnsignedToken(string audience)
    {
        var header = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid = PublicKey.Kid }));
        return header + "." + Base64UrlEncoder.Encode(Payload(audience)) + ".";
    }

    /// <summary>A token signed with HMAC-SHA256 over a shared secret, which the spec forbids.</summary>
    public string HmacToken(string audience)
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = PublicKey.Kid };
        var header = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { alg = "HS256", typ = "JWT", kid = PublicKey.Kid }));
        var body = header + "." + Base64UrlEncoder.Encode(Payload(audience));
        var signature = HMACSHA256.HashData(secret.Key, Encoding.ASCII.GetBytes(body));
        return body + "." + Base64UrlEncoder.Encode(signature);
    }

    private string Payload(string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return JsonSerializer.Serialize(new { iss = Issuer, aud = audience, iat = now, exp = now + 300, jti = Guid.NewGuid().ToString() });
    }

    private SecurityKey Rekey(string keyId) => _signingKey switch
    {
        ECDsaSecurityKey ec => new ECDsaSecurityKey(ec.ECDsa) { KeyId = keyId },
        RsaSecurityKey rsa => new RsaSecurityKey(rsa.Rsa) { KeyId = keyId },
        _ => throw new NotSupportedException("Only generated keys take another kid."),
    };

    private static JsonWebKey Public(JsonWebKey key)
    {
        key.D = null;
        key.P = null;
        key.Q = null;
        key.DP = null;
        key.DQ = null;
        key.QI = null;
        return key;
    }
}
