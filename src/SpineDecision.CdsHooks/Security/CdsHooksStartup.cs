using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// Once the server listens: logs the discovery URL, turns authentication off only for Development on loopback
/// (with a warning), and warns when no issuer is trusted, so that every call will be refused.
/// </summary>
internal sealed partial class CdsHooksStartup(
    IHostApplicationLifetime lifetime,
    IServer server,
    IHostEnvironment environment,
    CdsHooksTrustState state,
    IOptions<CdsHooksOptions> options,
    ILogger<CdsHooksStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(OnStarted);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether every address is a loopback one (none: not known to be loopback).</summary>
    public static bool AllLoopback(IReadOnlyCollection<string> addresses) => addresses.Count > 0 && addresses.All(IsLoopback);

    private static bool IsLoopback(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe)
        {
            return true;
        }

        return string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private void OnStarted()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        foreach (var address in addresses)
        {
            var discovery = address.TrimEnd('/') + "/cds-services";
            LogDiscovery(discovery);
        }

        var security = options.Value.Security;
        if (!string.IsNullOrEmpty(security.PublicBaseUrl))
        {
            var discovery = security.PublicBaseUrl.TrimEnd('/') + "/cds-services";
            LogPublicDiscovery(discovery);
        }

        if (environment.IsDevelopment() && AllLoopback(addresses))
        {
            state.DisableForDevelopmentLoopback();
            var listening = string.Join(", ", addresses);
            LogAuthenticationOff(environment.EnvironmentName, listening);
        }
        else if (security.TrustedIssuers.Count == 0)
        {
            LogNothingTrusted();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks discovery: {Url}")]
    private partial void LogDiscovery(string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks discovery as clients call it: {Url}")]
    private partial void LogPublicDiscovery(string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks authentication is OFF: environment {Environment} listening on loopback only ({Addresses}). Any other environment or address requires a signed JWT from a trusted issuer.")]
    private partial void LogAuthenticationOff(string environment, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No CDS client can be trusted: SpineDecision:CdsHooks:Security:TrustedIssuers is empty, so every call to /cds-services is refused with 401.")]
    private partial void LogNothingTrusted();
}
