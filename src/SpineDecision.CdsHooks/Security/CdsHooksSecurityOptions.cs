namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// Trust settings per CDS Hooks 2.0 "Trusting CDS Clients": which issuers may call, with which keys and algorithms.
/// </summary>
public sealed class CdsHooksSecurityOptions
{
}
