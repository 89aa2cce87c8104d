using System.Globalization;
using System.Text;
using System.Xml;

namespace SpineDecision.Cli.Test;

/// <summary>One JUnit test case: a scenario, its file, duration and, when it failed, the message and details.</summary>
internal sealed record JUnitCase(string Name, string File, TimeSpan Elapsed, string? FailureMessage, string? FailureDetails);

/// <summary>
/// Writes the JUnit XML that CI servers read (testsuites / testsuite per scenario file / testcase / failure) with
/// <see cref="XmlWriter"/>, so every name and message is escaped and the document is well-formed.
/// </summary>
internal static class JUnitReport
{
    public static void Write(Stream stream, IReadOnlyList<JUnitCase> cases)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "spine-rules");
        Counts(xml, cases);
        foreach (var suite in cases.GroupBy(c => c.File, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = suite.ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", suite.Key);
            Counts(xml, items);
            foreach (var item in items)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("name", item.Name);
                xml.WriteAttributeString("classname", ClassName(item.File));
                xml.WriteAttributeString("file", item.File);
                xml.WriteAttributeString("time", Seconds(item.Elapsed));
                if (item.FailureMessage is not null)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", Clean(item.FailureMessage));
                    xml.WriteAttributeString("type", "ScenarioFailure");
                    xml.WriteString(Clean(item.FailureDetails ?? item.FailureMessage));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Counts(XmlWriter xml, IReadOnlyCollection<JUnitCase> cases)
    {
        xml.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", cases.Count(c => c.FailureMessage is not null).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", Seconds(TimeSpan.FromTicks(cases.Sum(c => c.Elapsed.Ticks))));
    }

    /// <summary><c>rules/facet/facet.scenarios.yaml</c> → <c>facet.scenarios</c>: what CI servers group by.</summary>
    private static string ClassName(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry most control characters (nor ANSI escapes); drop them, keep valid surrogate pairs.</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c is '\n' or '\t' || (XmlConvert.IsXmlChar(c) && !char.IsControl(c)))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
