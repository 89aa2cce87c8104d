using System.Text;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision.CdsHooks.Cards;

/// <summary>A card's <c>detail</c>: Markdown with the disposition, rationale, criteria met and failed, and the citations
/// with their evidence tags. Report texts are shown with display names instead of concept ids.</summary>
internal sealed class CardMarkdown
{
    private readonly StringBuilder _text = new();
    private readonly ConceptVocabulary _vocabulary;
    private readonly List<Citation> _citations = [];
    private readonly SortedSet<string> _rules = new(StringComparer.Ordinal);

    public CardMarkdown(ConceptVocabulary vocabulary, string disposition)
    {
        _vocabulary = vocabulary;
        _text.Append("**").Append(Dispositions.Describe(disposition)).Append("**\n");
    }

    /// <summary>A section of bullet items; nothing when there are none.</summary>
    public CardMarkdown Section(string title, IEnumerable<string> items)
    {
        var first = true;
        foreach (var item in items.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal))
        {
            if (first)
            {
                _text.Append("\n### ").Append(title).Append("\n\n");
                first = false;
            }

            _text.Append("- ").Append(Escape(_vocabulary.DisplayText(item))).Append('\n');
        }

        return this;
    }

    /// <summary>Cites a rule: its id goes in the footer, its citations in the sources.</summary>
    public CardMarkdown Cite(RuleReference? rule)
    {
        if (rule is not null)
        {
            _rules.Add(rule.RuleId);
            foreach (var citation in rule.Citations)
            {
                if (!_citations.Any(c => c.Id == citation.Id))
                {
                    _citations.Add(citation);
                }
            }
        }

        return this;
    }

    public string Build(Provenance provenance)
    {
        var text = new StringBuilder(_text.ToString());
        if (_citations.Count > 0)
        {
            text.Append("\n### Sources\n\n");
            foreach (var citation in _citations)
            {
                text.Append("- [").Append(citation.Evidence).Append("] ").Append(Escape(citation.Text));
                if (citation.Url is { } url)
                {
                    text.Append(" <").Append(url).Append('>');
                }

                text.Append('\n');
            }

            text.Append('\n').Append(Citation.EvidenceLegend).Append('\n');
        }

        text.Append("\nRules: ").Append(_rules.Count == 0 ? "none fired" : string.Join(", ", _rules))
            .Append("; profile ").Append(provenance.Profile)
            .Append("; rule content ").Append(provenance.ContentHash.AsSpan(0, Math.Min(12, provenance.ContentHash.Length)))
            .Append("; SpineDecision ").Append(provenance.LibraryVersion).Append('.');
        return text.ToString();
    }

    /// <summary>Keeps report text literal: characters Markdown would read as emphasis, code or links are escaped.</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '_' or '`' or '[' or ']' or '<' or '#' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
