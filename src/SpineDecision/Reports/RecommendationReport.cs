using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpineDecision.Reports;

/// <summary>
/// The answer for one case: what to do next, what not to do and why, alerts, and what information is missing.
/// Every list is in a fixed order, so the same case and rules always give byte-identical JSON.
/// </summary>
/// <param name="CaseId">The case's id, if it had one.</param>
/// <param name="AssessmentDate">The case's assessment date.</param>
/// <param name="Recommendations">Procedures recommended now.</param>
/// <param name="Withheld">Procedures withheld, with reasons (including recommendations a withhold or red flag overrode).</param>
/// <param name="Alerts">Safety alerts; a red-flag alert withholds every elective procedure.</param>
/// <param name="InformationNeeded">Missing data that would let the rules decide more.</param>
/// <param name="Provenance">What produced the report.</param>
public sealed record RecommendationReport(
    string? CaseId,
    DateOnly AssessmentDate,
    ImmutableArray<Recommendation> Recommendations,
    ImmutableArray<WithheldProcedure> Withheld,
    ImmutableArray<Alert> Alerts,
    ImmutableArray<InformationNeeded> InformationNeeded,
    Provenance Provenance)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Whether an unexplained red flag stopped every elective procedure.</summary>
    public bool HasRedFlag => Alerts.Any(a => a.Category == "red-flag");

    /// <summary>The stable JSON form (camelCase, indented, lists in report order).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
