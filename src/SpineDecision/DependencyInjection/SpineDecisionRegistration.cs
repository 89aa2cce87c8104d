using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SpineDecision.DependencyInjection;

/// <summary>One engine registered by <c>AddSpineDecision</c>: its options name, which is also its service key
/// (<see cref="Options.DefaultName"/> for the unkeyed engine).</summary>
/// <param name="Name">The options name and service key.</param>
internal sealed record SpineDecisionRegistration(string Name)
{
    /// <summary>The service key: <see langword="null"/> for the unkeyed engine.</summary>
    public string? Key => Name.Length == 0 ? null : Name;

    /// <summary>How messages name the engine.</summary>
    public static string Describe(string name) => name.Length == 0 ? "the SpineDecision engine" : $"the SpineDecision engine '{name}'";

    /// <summary>Resolves the engine this registration names.</summary>
    public ISpineDecisionEngine Resolve(IServiceProvider provider) =>
        Key is null ? provider.GetRequiredService<ISpineDecisionEngine>() : provider.GetRequiredKeyedService<ISpineDecisionEngine>(Key);
}
