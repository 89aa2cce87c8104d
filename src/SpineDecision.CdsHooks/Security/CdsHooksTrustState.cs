namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// Whether authentication is off, decided once the server listens: only in the Development environment with every
/// listen address on loopback. Until then, and everywhere else, every caller needs a valid token.
/// </summary>
internal sealed class CdsHooksTrustState
{
    private volatile bool _authenticationDisabled;

    /// <summary>Whether calls are accepted without a token.</summary>
    public bool AuthenticationDisabled => _authenticationDisabled;

    /// <summary>Turns authentication off (Development on loopback only; see <see cref="CdsHooksStartup"/>).</summary>
    public void DisableForDevelopmentLoopback() => _authenticationDisabled = true;
}
