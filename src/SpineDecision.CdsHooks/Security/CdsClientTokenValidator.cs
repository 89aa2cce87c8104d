using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// Checks a CDS client's bearer token per CDS Hooks 2.0 "Trusting CDS Clients": an allowed asymmetric algorithm,
/// an allow-listed <c>iss</c> (and <c>jku</c>), a known <c>kid</c>, a valid signature, <c>aud</c> equal to the URL
/// called, <c>exp</c> and <c>iat</c> within the skew, and a <c>jti</c> not seen before.
/// </summary>
internal sealed class CdsClientTokenValidator
{
    private readonly CdsHooksSecurityOptions _options;
    private readonly IReadOnlyList<string> _algorithms;
    private readonly Dictionary<string, CdsHooksTrustedIssuer> _issuers;
    private readonly IssuerKeyResolver _keys;
    private readonly ITokenReplayCache _replays;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public CdsClientTokenValidator(IOptions<CdsHooksOptions> options, IssuerKeyResolver keys, ITokenReplayCache replays, TimeProvider time)
    {
        _options = options.Value.Security;
        _algorithms = _options.Algorithms.Count > 0 ? [.. _options.Algorithms] : CdsHooksSecurityOptions.DefaultAlgorithms;
        _issuers = _options.TrustedIssuers.ToDictionary(issuer => issuer.Issuer, StringComparer.Ordinal);
        _keys = keys;
        _replays = replays;
        _time = time;
    }

    /// <summary>Whether <paramref name="algorithm"/> is <c>none</c> or symmetric, which the spec forbids whatever is configured.</summary>
    public static bool IsForbiddenAlgorithm(string algorithm) =>
        string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase) || algorithm.StartsWith("HS", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the <c>Authorization</c> header of a request to <paramref name="audience"/>.</summary>
    public async ValueTask<TokenCheck> CheckAsync(string? authorization, string audience, CancellationToken cancellationToken)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == Scheme.Length)
        {
            return TokenCheck.Refuse(TokenRejection.MissingBearer);
        }

        if (_issuers.Count == 0)
        {
            return TokenCheck.Refuse(TokenRejection.NothingTrusted);
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(authorization[Scheme.Length..].Trim());
        }
        catch (ArgumentException)
        {
            return TokenCheck.Refuse(TokenRejection.Malformed);
        }

        var header = CheckHeader(token, out var issuer, out var keyId, out var jku);
        if (header is not null)
        {
            return TokenCheck.Refuse(header.Value);
        }

        var (key, keyRejection) = await _keys.ResolveAsync(issuer!, keyId!, jku, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return TokenCheck.Refuse(keyRejection ?? TokenRejection.UnknownKey);
        }

        if (!string.IsNullOrEmpty(key.Alg) && !string.Equals(key.Alg, token.Alg, StringComparison.Ordinal))
        {
            return TokenCheck.Refuse(TokenRejection.AlgorithmNotAllowed);
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(issuer!.Issuer, audience, key)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return TokenCheck.Refuse(Classify(result.Exception));
        }

        var lifetime = CheckLifetime(token);
        if (lifetime is not null)
        {
            return TokenCheck.Refuse(lifetime.Value);
        }

        // Only a token whose signature verified reaches the cache, so a forger cannot burn a real client's jti.
        var recorded = await _replays.TryRecordAsync(ReplayKey(issuer.Issuer, token.Id), token.ValidTo.ToUniversalTime() + _options.ClockSkew, cancellationToken).ConfigureAwait(false);
        return recorded ? TokenCheck.Accept(issuer.Issuer) : TokenCheck.Refuse(TokenRejection.Replayed);
    }

    private TokenRejection? CheckHeader(JsonWebToken token, out CdsHooksTrustedIssuer? issuer, out string? keyId, out string? jku)
    {
        issuer = null;
        keyId = null;
        jku = token.TryGetHeaderValue<string>(JwtHeaderParameterNames.Jku, out var jkuValue) ? jkuValue : null;
        if (string.IsNullOrEmpty(token.Alg) || IsForbiddenAlgorithm(token.Alg) || !_algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return TokenRejection.AlgorithmNotAllowed;
        }

        if (string.IsNullOrEmpty(token.Kid) || string.IsNullOrEmpty(token.Issuer) || string.IsNullOrEmpty(token.Id))
        {
            return TokenRejection.MissingClaim;
        }

        if (!_issuers.TryGetValue(token.Issuer, out issuer))
        {
            return TokenRejection.UntrustedIssuer;
        }

        if (jku is not null && !issuer.JwksUrls.Contains(jku, StringComparer.Ordinal))
        {
            return TokenRejection.UntrustedJku;
        }

        keyId = token.Kid;
        return null;
    }

    private TokenValidationParameters Parameters(string issuer, string audience, SecurityKey key) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = audience,
        IgnoreTrailingSlashWhenValidatingAudience = false,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = _algorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = _options.ClockSkew,
    };

    private TokenRejection? CheckLifetime(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out _))
        {
            return TokenRejection.MissingClaim;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var issuedAt = token.IssuedAt;
        return issuedAt > now + _options.ClockSkew || token.ValidTo - issuedAt > _options.MaxTokenLifetime
            ? TokenRejection.BadLifetime
            : null;
    }

    private static TokenRejection Classify(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => TokenRejection.WrongAudience,
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException or SecurityTokenInvalidLifetimeException => TokenRejection.BadLifetime,
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => TokenRejection.BadSignature,
        SecurityTokenInvalidAlgorithmException => TokenRejection.AlgorithmNotAllowed,
        SecurityTokenInvalidIssuerException => TokenRejection.UntrustedIssuer,
        _ => TokenRejection.Invalid,
    };

    private static string ReplayKey(string issuer, string jti) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + jti)));
}
