using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpineDecision.CdsHooks.Operations;

/// <summary>Ready means the decision engine compiled at start-up.</summary>
internal sealed class EngineReadyHealthCheck(EngineReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.Failure is { } failure ? HealthCheckResult.Unhealthy(failure) : HealthCheckResult.Healthy("The decision engine is compiled."));
}
