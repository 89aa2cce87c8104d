namespace SpineDecision.CdsHooks.Security;

/// <summary>Why a caller was refused. Logged for operators, never sent to the caller (who only sees 401).</summary>
internal enum TokenRejection
{
    /// <summary>No <c>Authorization: Bearer</c> header.</summary>
    MissingBearer,

    /// <summary>The token is not a compact JWS.</summary>
    Malformed,

    /// <summary>No issuer is configured, so nothing can be trusted.</summary>
    NothingTrusted,

    /// <summary>The <c>alg</c> is <c>none</c>, HMAC or not on the configured list.</summary>
    AlgorithmNotAllowed,

    /// <summary>A required header or claim (<c>kid</c>, <c>iss</c>, <c>jti</c>, <c>iat</c>, <c>exp</c>) is missing.</summary>
    MissingClaim,

    /// <summary>The <c>iss</c> is not on the allow-list.</summary>
    UntrustedIssuer,

    /// <summary>The <c>jku</c> is not on the issuer's allow-list.</summary>
    UntrustedJku,

    /// <summary>No key of the issuer has the token's <c>kid</c>.</summary>
    UnknownKey,

    /// <summary>The issuer's JWK Set could not be fetched.</summary>
    KeysUnavailable,

    /// <summary>The signature does not verify.</summary>
    BadSignature,

    /// <summary>The <c>aud</c> is not the URL called.</summary>
    WrongAudience,

    /// <summary>The token has expired, is issued in the future or lives longer than allowed.</summary>
    BadLifetime,

    /// <summary>The <c>jti</c> was seen before.</summary>
    Replayed,

    /// <summary>Any other validation failure.</summary>
    Invalid,
}
