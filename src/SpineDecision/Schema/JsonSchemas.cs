using System.Reflection;

namespace SpineDecision.Schema;

/// <summary>
/// The JSON schemas of <c>rules/schema</c>: embedded in this assembly as <c>SpineDecision.schema/&lt;file&gt;</c>, each
/// with the <c>$id</c> <see cref="IdOf"/> gives. The base URI derives from the repository URL declared once in
/// Directory.Build.props (assembly metadata <c>SchemaBaseUri</c>), so a schema written out of a package and one read in
/// a clone have the same identity and cross-references by <c>$id</c> resolve in both.
/// </summary>
internal static class JsonSchemas
{
    /// <summary>The prefix of the schemas' manifest resource names.</summary>
    public const string ResourcePrefix = "SpineDecision.schema/";

    private static readonly Assembly Assembly = typeof(JsonSchemas).Assembly;

    /// <summary>The base every schema's <c>$id</c> starts with, ending in a slash.</summary>
    public static string BaseUri { get; } =
        Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SchemaBaseUri").Value!;

    /// <summary>The file names of the embedded schemas (<c>case.schema.json</c>, …), in ordinal order.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [.. Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)];

    /// <summary>The stable <c>$id</c> of the schema in <paramref name="fileName"/>.</summary>
    public static string IdOf(string fileName) => BaseUri + fileName;

    /// <summary>The text of the embedded schema <paramref name="fileName"/>, exactly as in <c>rules/schema</c>.</summary>
    /// <exception cref="FileNotFoundException">No schema of that name is embedded.</exception>
    public static string Read(string fileName)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new FileNotFoundException($"no embedded JSON schema '{fileName}'; the schemas are {string.Join(", ", FileNames)}", fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
