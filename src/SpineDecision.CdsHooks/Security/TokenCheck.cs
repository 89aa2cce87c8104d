namespace SpineDecision.CdsHooks.Security;

/// <summary>The outcome of checking one bearer token: the trusted issuer, or why it was refused.</summary>
/// <param name="Issuer">The token's <c>iss</c> when trusted.</param>
/// <param name="Rejection">Why the token was refused; <see langword="null"/> when trusted.</param>
internal sealed record TokenCheck(string? Issuer, TokenRejection? Rejection)
{
    /// <summary>Whether the caller is trusted.</summary>
    public bool Trusted => Rejection is null;

    public static TokenCheck Accept(string issuer) => new(issuer, null);

    public static TokenCheck Refuse(TokenRejection rejection) => new(null, rejection);
}
