namespace SpineDecision;

/// <summary>How to build an engine. The defaults give the shipped rules under their default profile.</summary>
public sealed class SpineDecisionOptions
{
    /// <summary>The parameter profile to run (for example <c>medicare</c>, <c>commercial-evicore</c>);
    /// <see langword="null"/> for the rules' default profile.</summary>
    public string? Profile { get; set; }

    /// <summary>Whether to load the clinical rules embedded in the package. Default <see langword="true"/>.</summary>
    public bool IncludeDefaultRules { get; set; } = true;

    /// <summary>Folders of extra rule files (<c>*.yaml</c>, recursively) loaded with the default rules.</summary>
    public IList<string> RuleDirectories { get; } = [];

    /// <summary>Extra rule files from any source (database, streams).</summary>
    public IList<RuleSourceFile> RuleFiles { get; } = [];

    /// <summary>The most rule firings one evaluation may take before it is stopped as a runaway. Default 10,000.</summary>
    public int MaxRuleFirings { get; set; } = 10_000;

    /// <summary>
    /// Whether a host started through <c>Microsoft.Extensions.Hosting</c> evaluates one all-unknown case with this
    /// engine at start-up (outside the metrics), so the first patient does not pay the first-call costs. The engine
    /// itself is compiled at start-up either way, when its options are validated. Default <see langword="true"/>.
    /// </summary>
    public bool WarmUpOnStart { get; set; } = true;
}
