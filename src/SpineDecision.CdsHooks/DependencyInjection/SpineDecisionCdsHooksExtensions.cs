using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpineDecision;
using SpineDecision.CdsHooks;
using SpineDecision.CdsHooks.Feedback;
using SpineDecision.CdsHooks.Handling;
using SpineDecision.CdsHooks.Operations;
using SpineDecision.CdsHooks.Security;
using SpineDecision.Fhir;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and maps the SpineDecision CDS Hooks service.</summary>
public static class SpineDecisionCdsHooksExtensions
{
    /// <summary>
    /// Registers the CDS Hooks service with settings bound from <paramref name="configuration"/> (for example
    /// <c>builder.Configuration.GetSection(CdsHooksOptions.SectionName)</c>), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The section to bind <see cref="CdsHooksOptions"/> from; none when <see langword="null"/>.</param>
    /// <param name="configure">Changes applied after binding; none when <see langword="null"/>.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddSpineDecisionCdsHooks(this IServiceCollection services, IConfiguration? configuration = null, Action<CdsHooksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CdsHooksOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MissingDataLink is null || o.MissingDataLink.IsAbsoluteUri,
            $"{CdsHooksOptions.SectionName}:MissingDataLink: expected an absolute URL, or an empty value for cards without a link.").ValidateOnStart();

        // The engine runs the configured profile (validated at host start), unless the host registered its own
        // engine first; a host that registers one afterwards gets AddSpineDecision's "already registered" error.
        if (!services.Any(d => d.ServiceType == typeof(ISpineDecisionEngine) && d.ServiceKey is null))
        {
            services.AddSpineDecision();
            services.AddOptions<SpineDecisionOptions>().Configure<IOptions<CdsHooksOptions>>((engine, cds) => engine.Profile ??= cds.Value.Profile);
        }

        services.TryAddSingleton(provider => new FhirCaseMapper(provider.GetRequiredService<ISpineDecisionEngine>().Vocabulary));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(PrefetchFetcher.ClientName);
        services.TryAddSingleton<PrefetchFetcher>();
        services.TryAddSingleton<CdsHookHandler>();
        CdsHooksTrust.Register(services);
        CdsFeedbackStorage.Register(services);
        CdsHooksOperations.Register(services);
        return services;
    }

    /// <summary>
    /// Maps the service's endpoints under <c>/cds-services</c>: discovery, the hook calls and feedback; and the
    /// health probes <c>/health/live</c> and <c>/health/ready</c>, which need no token.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <returns>The route group, so that the host can add its own conventions.</returns>
    public static RouteGroupBuilder MapSpineDecisionCdsHooks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/cds-services");
        CdsHooksTrust.Require(group);
        CdsHooksEndpoints.Map(group);
        CdsFeedbackStorage.Map(group);
        CdsHooksOperations.Map(endpoints);
        return group;
    }
}
