using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpineDecision.DependencyInjection;

/// <summary>
/// Builds one engine per options instance: the options validator builds it (that is how rule errors and an unknown
/// profile fail at host start) and the engine registration takes the same instance, so the rules are compiled once.
/// </summary>
internal sealed class SpineDecisionEngineFactory(ILoggerFactory? loggerFactory)
{
    // Keyed by the options instance itself: IOptionsMonitor hands the validated instance to the registration, and
    // options rebuilt from changed configuration are a new key, validated and built afresh.
    private readonly ConditionalWeakTable<SpineDecisionOptions, Lazy<SpineDecisionEngine>> _engines = [];

    /// <summary>The engine for these options, built on the first call; a build's exception is rethrown on every call.</summary>
    /// <exception cref="SpineDecisionException">The rules could not be loaded, or the profile does not exist.</exception>
    public SpineDecisionEngine Build(SpineDecisionOptions options) =>
        _engines.GetValue(options, o => new Lazy<SpineDecisionEngine>(() => SpineDecisionEngine.Create(o, loggerFactory?.CreateLogger<SpineDecisionEngine>()))).Value;

    /// <summary>The engine registered under <paramref name="name"/>, from its validated options.</summary>
    public static SpineDecisionEngine Resolve(IServiceProvider provider, string name) =>
        provider.GetRequiredService<SpineDecisionEngineFactory>().Build(provider.GetRequiredService<IOptionsMonitor<SpineDecisionOptions>>().Get(name));
}
