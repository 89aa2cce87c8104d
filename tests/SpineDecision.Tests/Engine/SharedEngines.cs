using System.Collections.Concurrent;

namespace SpineDecision.Tests.Engine;

/// <summary>Engines over the default rules, compiled once per profile for the whole test run (a compile costs ~100 ms).</summary>
internal static class SharedEngines
{
    private static readonly ConcurrentDictionary<string, Lazy<SpineDecisionEngine>> Engines = new(StringComparer.Ordinal);

    /// <summary>The default rules under the default (Medicare) profile.</summary>
    public static SpineDecisionEngine Default => For("medicare");

    public static SpineDecisionEngine For(string profile) =>
        Engines.GetOrAdd(profile, p => new Lazy<SpineDecisionEngine>(() => SpineDecisionEngine.CreateDefault(p))).Value;
}
