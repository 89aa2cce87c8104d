using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SpineDecision;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SpineDecision with a service collection.</summary>
public static class SpineDecisionServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="ISpineDecisionEngine"/> built from the configured options on first use, logging
    /// through the registered <see cref="ILoggerFactory"/> when there is one.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (profile, extra rule folders); optional.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddSpineDecision(this IServiceCollection services, Action<SpineDecisionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SpineDecisionOptions();
        configure?.Invoke(options);
        services.TryAddSingleton<ISpineDecisionEngine>(provider =>
        {
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("SpineDecision");
            return SpineDecisionEngine.Create(options, logger);
        });
        return services;
    }
}
