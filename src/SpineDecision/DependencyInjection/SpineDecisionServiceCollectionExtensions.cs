using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpineDecision;
using SpineDecision.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers SpineDecision engines with a service collection: one unkeyed engine, and any number of keyed ones (one
/// per payer profile, say), each configured through <see cref="IOptions{TOptions}"/> under its own options name.
/// </summary>
/// <remarks>
/// The options are validated by building the engine, so an unknown profile, a missing rule folder or a rule error
/// fails the host at start (<c>ValidateOnStart</c>), every error located, rather than the first request. Without a
/// host the same <see cref="OptionsValidationException"/> comes at the first resolve. Further configuration through
/// <c>services.Configure&lt;SpineDecisionOptions&gt;(name, …)</c> applies; configuration that changes after the
/// engine is built does not rebuild it. The engine logs through <see cref="ILogger{TCategoryName}"/> of
/// <see cref="SpineDecisionEngine"/>.
/// </remarks>
public static class SpineDecisionServiceCollectionExtensions
{
    /// <summary>Adds the singleton <see cref="ISpineDecisionEngine"/>, configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (profile, extra rule folders); optional.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="InvalidOperationException">An unkeyed <see cref="ISpineDecisionEngine"/> is already registered.</exception>
    public static IServiceCollection AddSpineDecision(this IServiceCollection services, Action<SpineDecisionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Register(services, Options.Options.DefaultName, configure is null ? null : builder => builder.Configure(configure));
    }

    /// <summary>Adds the singleton <see cref="ISpineDecisionEngine"/>, bound from a configuration section such as
    /// <c>builder.Configuration.GetSection("SpineDecision")</c>. An unknown key in the section is an error at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="SpineDecisionOptions"/>' properties.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="InvalidOperationException">An unkeyed <see cref="ISpineDecisionEngine"/> is already registered.</exception>
    public static IServiceCollection AddSpineDecision(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, Options.Options.DefaultName, Bind(configuration));
    }

    /// <summary>Adds a keyed singleton <see cref="ISpineDecisionEngine"/>, configured in code; inject it with
    /// <c>[FromKeyedServices("evicore")] ISpineDecisionEngine engine</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key, also the options name.</param>
    /// <param name="configure">Sets the options (profile, extra rule folders); optional.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="InvalidOperationException">An <see cref="ISpineDecisionEngine"/> is already registered under <paramref name="name"/>.</exception>
    public static IServiceCollection AddSpineDecision(this IServiceCollection services, string name, Action<SpineDecisionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Register(services, name, configure is null ? null : builder => builder.Configure(configure));
    }

    /// <summary>Adds a keyed singleton <see cref="ISpineDecisionEngine"/>, bound from a configuration section; inject
    /// it with <c>[FromKeyedServices(name)]</c>. An unknown key in the section is an error at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key, also the options name.</param>
    /// <param name="configuration">The section holding <see cref="SpineDecisionOptions"/>' properties.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="name"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="InvalidOperationException">An <see cref="ISpineDecisionEngine"/> is already registered under <paramref name="name"/>.</exception>
    public static IServiceCollection AddSpineDecision(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, name, Bind(configuration));
    }

    private static Action<OptionsBuilder<SpineDecisionOptions>> Bind(IConfiguration configuration) =>
        builder => builder.Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true);

    private static IServiceCollection Register(IServiceCollection services, string name, Action<OptionsBuilder<SpineDecisionOptions>>? configure)
    {
        var registration = new SpineDecisionRegistration(name);
        if (services.Any(d => d.ServiceType == typeof(ISpineDecisionEngine) && Equals(d.ServiceKey, registration.Key)))
        {
            // Never drop the second registration silently: its options would be ignored without a word.
            throw new InvalidOperationException(
                $"{SpineDecisionRegistration.Describe(name)} is already registered: register each engine once. To change its options, use " +
                $"services.Configure<SpineDecisionOptions>({(registration.Key is null ? "" : $"\"{name}\", ")}...); for another profile, register a keyed engine with AddSpineDecision(\"name\", ...).");
        }

        var builder = services.AddOptions<SpineDecisionOptions>(name);
        configure?.Invoke(builder);
        builder.ValidateOnStart();

        services.TryAddSingleton(provider => new SpineDecisionEngineFactory(provider.GetService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpineDecisionOptions>, SpineDecisionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SpineDecisionStartup>());
        services.AddSingleton(registration);
        if (registration.Key is null)
        {
            services.AddSingleton<ISpineDecisionEngine>(provider => SpineDecisionEngineFactory.Resolve(provider, name));
        }
        else
        {
            services.AddKeyedSingleton<ISpineDecisionEngine>(registration.Key, (provider, _) => SpineDecisionEngineFactory.Resolve(provider, name));
        }

        return services;
    }
}
