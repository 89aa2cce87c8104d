namespace SpineDecision.Language.Yaml;

/// <summary>Caps on untrusted YAML (DESIGN §8): a hostile file is rejected, never allowed to exhaust the host.</summary>
internal sealed record YamlLimits
{
    public static readonly YamlLimits Default = new();

    public int MaxFileBytes { get; init; } = 2 * 1024 * 1024;

    public int MaxDepth { get; init; } = 24;

    public int MaxScalarLength { get; init; } = 8 * 1024;

    public int MaxSequenceLength { get; init; } = 5_000;

    public int MaxNodes { get; init; } = 200_000;
}
