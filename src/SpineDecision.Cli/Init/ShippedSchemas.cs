namespace SpineDecision.Cli.Init;

/// <summary>
/// The JSON schemas of rules/schema (rule, vocabulary, profile, scenario, case and report files), read from the
/// SpineDecision assembly, which embeds them as <c>SpineDecision.schema/&lt;file&gt;</c>: the tool needs no clone of the
/// repository to write them out.
/// </summary>
internal static class ShippedSchemas
{
    private const string Prefix = "SpineDecision.schema/";

    /// <summary>The schema files by file name (<c>rules.schema.json</c>), in ordinal order.</summary>
    public static IReadOnlyList<(string FileName, string Text)> All { get; } = Read();

    private static (string FileName, string Text)[] Read()
    {
        var assembly = typeof(SpineDecisionEngine).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[Prefix.Length..], reader.ReadToEnd());
            })];
    }
}
