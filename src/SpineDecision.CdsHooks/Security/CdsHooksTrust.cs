using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Security;

/// <summary>Wires JWT trust (CDS Hooks 2.0 "Trusting CDS Clients") into the host and onto the service's endpoints.</summary>
internal static class CdsHooksTrust
{
    /// <summary>The authentication scheme and the authorization policy of the service's endpoints.</summary>
    public const string Scheme = "SpineDecision.CdsHooks";

    /// <summary>Registers what validating callers needs.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CdsHooksTrustState>();
        services.TryAddSingleton<IssuerKeyResolver>();
        services.TryAddSingleton<CdsClientTokenValidator>();
        services.TryAddSingleton<ITokenReplayCache>(ReplayCache);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CdsHooksOptions>, SecurityOptionsValidator>());
        services.AddOptions<CdsHooksOptions>().ValidateOnStart();
        services.AddHostedService<CdsHooksStartup>();
        services.AddHttpClient(IssuerKeyResolver.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });

        services.AddLogging(logging => logging.AddFilter(typeof(CdsHooksAuthenticationHandler).FullName, LogLevel.Warning));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, CdsHooksAuthenticationHandler>(Scheme, null);
        services.AddAuthorization(authorization => authorization.AddPolicy(Scheme, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()));
        services.AddSingleton<CdsHooksRateLimitPolicy>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, CdsHooksRateLimitPolicy>(CdsHooksRateLimitPolicy.Name));
    }

    /// <summary>Requires a trusted caller, the rate limit and the size limit on every endpoint of the group.</summary>
    public static void Require(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var security = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<CdsHooksOptions>>().Value.Security;
        group.RequireAuthorization(Scheme);
        group.RequireRateLimiting(CdsHooksRateLimitPolicy.Name);
        group.WithMetadata(new RequestSizeLimit(security.MaxRequestBodySize));
    }

    /// <summary>A shared cache when the host registered one (Redis, SQL Server, …), else this instance's memory.</summary>
    private static ITokenReplayCache ReplayCache(IServiceProvider services) =>
        services.GetService<IDistributedCache>() is { } shared && shared is not MemoryDistributedCache
            ? new DistributedTokenReplayCache(shared, services.GetRequiredService<TimeProvider>())
            : new MemoryTokenReplayCache(services.GetRequiredService<TimeProvider>());

    /// <summary>The request size limit as endpoint metadata, which routing applies to the server's body size feature.</summary>
    /// <param name="MaxRequestBodySize">The limit in bytes.</param>
    internal sealed record RequestSizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
