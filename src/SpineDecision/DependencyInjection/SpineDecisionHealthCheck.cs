using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SpineDecision.DependencyInjection;

/// <summary>Healthy when the registered engine is compiled (building it on first check); its data carry the profile
/// and the rule content hash, so a fleet can tell which rules each instance runs.</summary>
internal sealed class SpineDecisionHealthCheck(IServiceProvider provider, SpineDecisionRegistration registration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var engine = SpineDecisionRegistration.Describe(registration.Name);
        try
        {
            var resolved = registration.Resolve(provider);
            var data = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["profile"] = resolved.Profile,
                ["contentHash"] = resolved.ContentHash,
                ["warnings"] = resolved.Warnings.Count,
            };
            return Task.FromResult(HealthCheckResult.Healthy($"{engine} is compiled: profile {resolved.Profile}, rule content {resolved.ContentHash}", data));
        }
        catch (Exception e) when (e is SpineDecisionException or OptionsValidationException or InvalidOperationException)
        {
            // InvalidOperationException: the engine is not registered, or its configuration has an unknown key.
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"{engine} is not available: {e.Message}", e));
        }
    }
}
