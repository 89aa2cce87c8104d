using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace SpineDecision.Fhir;

/// <summary>What a FHIR mapping did, in input order: every datum mapped, every resource or element left out and why, and
/// the case fields the mapping covers that stayed unknown.</summary>
/// <param name="Mapped">Each datum put into the case, with the resource it came from and its case path.</param>
/// <param name="Ignored">Each resource or element left out, with the reason (entered-in-error, refuted, not current,
/// after the assessment date, unused code, wrong unit, parse failure…).</param>
/// <param name="Unknown">The case fields the mapping table covers that stayed unknown (not documented), in table order.</param>
public sealed record FhirMappingReport(ImmutableArray<FhirMappedItem> Mapped, ImmutableArray<FhirIgnoredItem> Ignored, ImmutableArray<string> Unknown)
{
    /// <summary>The ids of the mapping-table rows used; for the coverage test.</summary>
    internal ImmutableArray<string> RowsUsed { get; init; } = [];

    /// <summary>The report as plain text: a summary line, then what was mapped, ignored and left unknown.</summary>
    /// <returns>Lines ending with a newline.</returns>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"FHIR mapping: {Mapped.Length} mapped, {Ignored.Length} ignored, {Unknown.Length} unknown\n");
        foreach (var item in Mapped)
        {
            text.Append(CultureInfo.InvariantCulture, $"  mapped   {item.CasePath} = {item.Value}  <- {item.Source}\n");
        }

        foreach (var item in Ignored)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ignored  {item.Source}: {item.Reason}: {item.Detail}\n");
        }

        if (!Unknown.IsEmpty)
        {
            text.Append(CultureInfo.InvariantCulture, $"  unknown  {string.Join(", ", Unknown)}\n");
        }

        return text.ToString();
    }
}
