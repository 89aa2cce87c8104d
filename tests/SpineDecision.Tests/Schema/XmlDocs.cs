using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SpineDecision.Tests.Schema;

/// <summary>The XML documentation the compiler writes next to SpineDecision.dll: the case records' summaries are the
/// descriptions of the generated case schema and field reference.</summary>
internal static partial class XmlDocs
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Summaries = new(Load);

    public static string? Describe(MemberInfo member)
    {
        var id = member switch
        {
            Type type => $"T:{type.FullName}",
            PropertyInfo property => $"P:{property.DeclaringType!.FullName}.{property.Name}",
            _ => null,
        };
        return id is not null && Summaries.Value.TryGetValue(id, out var summary) ? summary : null;
    }

    private static Dictionary<string, string> Load()
    {
        var path = Path.ChangeExtension(typeof(SpineDecision.Cases.PatientCase).Assembly.Location, ".xml");
        var document = XDocument.Load(path);
        return document.Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")!), StringComparer.Ordinal);
    }

    /// <summary>The summary as plain text: <c>see cref</c> becomes the member's name, <c>langword</c> its word.</summary>
    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" } see => (string?)see.Attribute("langword")
                ?? ((string?)see.Attribute("cref"))?.Split('.').Last() ?? string.Empty,
            XElement element => element.Value,
            _ => string.Empty,
        });
        return Spaces().Replace(string.Concat(parts), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
