namespace SpineDecision.Cli.Test;

/// <summary>The options of <c>spine-rules test</c>.</summary>
internal sealed record TestOptions(IReadOnlyList<string> Paths, IReadOnlyList<string> Rules, string? Filter, string? Profile, string? JUnit, bool Verbose, bool IncludeDefaults = true);
