using Microsoft.Extensions.DependencyInjection.Extensions;
using SpineDecision;
using SpineDecision.Fhir;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FHIR mapper next to the engine.</summary>
public static class SpineDecisionFhirServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="FhirCaseMapper"/> built from the registered <see cref="ISpineDecisionEngine"/>'s
    /// vocabulary. Register the engine too (<c>AddSpineDecision</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets limits and completeness declarations; optional.</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddSpineDecisionFhir(this IServiceCollection services, Action<FhirMappingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new FhirMappingOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(provider => new FhirCaseMapper(provider.GetRequiredService<ISpineDecisionEngine>().Vocabulary, options));
        return services;
    }
}
