using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpineDecision.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a SpineDecision engine's health check: <c>services.AddHealthChecks().AddSpineDecisionHealthCheck()</c>.</summary>
public static class SpineDecisionHealthChecksBuilderExtensions
{
    /// <summary>The health check's name for the unkeyed engine; a keyed engine's check is named <c>spine-decision-{key}</c>.</summary>
    public const string DefaultName = "spine-decision";

    /// <summary>
    /// Adds a check that is healthy when the engine is compiled (building it on the first check), with the engine's
    /// <c>profile</c>, rule <c>contentHash</c> and <c>warnings</c> count in its data, and reports
    /// <paramref name="failureStatus"/> with the located errors when the engine cannot be built.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="engineName">The keyed engine to check (as given to <c>AddSpineDecision(name, …)</c>); <see langword="null"/> for the unkeyed engine.</param>
    /// <param name="name">The check's name; <see cref="DefaultName"/> (with <c>-{engineName}</c>) when omitted.</param>
    /// <param name="failureStatus">The status reported when the engine cannot be built; <see cref="HealthStatus.Unhealthy"/> when omitted.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IHealthChecksBuilder AddSpineDecisionHealthCheck(this IHealthChecksBuilder builder, string? engineName = null, string? name = null,
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registration = new SpineDecisionRegistration(engineName ?? Options.Options.DefaultName);
        return builder.Add(new HealthCheckRegistration(
            name ?? (registration.Key is null ? DefaultName : $"{DefaultName}-{registration.Key}"),
            provider => new SpineDecisionHealthCheck(provider, registration),
            failureStatus,
            tags));
    }
}
