using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SpineDecision.CdsHooks.Operations;

/// <summary>Wires health (<c>/health/live</c>, <c>/health/ready</c>) into the host.</summary>
internal static class CdsHooksOperations
{
    /// <summary>The path of the liveness probe: the process answers HTTP.</summary>
    public const string LivePath = "/health/live";

    /// <summary>The path of the readiness probe: the decision engine compiled.</summary>
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";

    /// <summary>Registers the readiness check: the core's engine check (the engine itself is built and validated at
    /// host start by <c>AddSpineDecision</c>, so there is nothing to compile here).</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthChecks().AddSpineDecisionHealthCheck(tags: [ReadyTag]);
    }

    /// <summary>Maps the probes; they need no token, so that a load balancer can call them.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }
}
