using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SpineDecision.Reports;

/// <summary>
/// The answer for one case: the disposition (top level, per pathway considered, for a requested procedure) with its
/// reasons, what to do next, what not to do and why, precautions, alerts, what information is missing and, when
/// asked for, why each considered procedure is not recommended. Every list is in a fixed order, so the same case and
/// rules always give byte-identical JSON (<see cref="ReportFormat"/> 2, documented by <c>rules/schema/report.schema.json</c>).
/// </summary>
/// <param name="CaseId">The case's id, if it had one.</param>
/// <param name="AssessmentDate">The case's assessment date.</param>
/// <param name="Disposition">The answer, one of <see cref="Dispositions"/>, derived from <paramref name="Pathways"/>.</param>
/// <param name="Reasons">The items that decided <paramref name="Disposition"/>.</param>
/// <param name="Pathways">The answer per pathway considered, in pathway id order.</param>
/// <param name="Request">The answer for the requested procedure, when <see cref="EvaluationOptions.RequestedProcedure"/> names one.</param>
/// <param name="Recommendations">Procedures recommended now.</param>
/// <param name="Withheld">Procedures withheld, with reasons (including recommendations a withhold or red flag overrode).</param>
/// <param name="Precautions">Every precaution raised, whether or not its procedure is recommended.</param>
/// <param name="Alerts">Safety alerts; a red-flag alert withholds every elective procedure.</param>
/// <param name="InformationNeeded">Missing data that would let the rules decide more.</param>
/// <param name="WhyNot">Why each procedure of a considered pathway is not recommended; empty unless <see cref="EvaluationOptions.Explain"/>.</param>
/// <param name="Provenance">What produced the report.</param>
public sealed record RecommendationReport(
    string? CaseId,
    DateOnly AssessmentDate,
    string Disposition,
    ImmutableArray<DecisionReason> Reasons,
    ImmutableArray<PathwayDecision> Pathways,
    ProcedureDecision? Request,
    ImmutableArray<Recommendation> Recommendations,
    ImmutableArray<WithheldProcedure> Withheld,
    ImmutableArray<Precaution> Precautions,
    ImmutableArray<Alert> Alerts,
    ImmutableArray<InformationNeeded> InformationNeeded,
    ImmutableArray<WhyNot> WhyNot,
    Provenance Provenance)
{
    /// <summary>The version of this report's JSON contract.</summary>
    public const int CurrentFormat = 2;

    /// <summary>
    /// Documented data no rule can use (codes no concept claims, items written only as text), in case order. Listed
    /// after <see cref="Provenance"/> in the JSON.
    /// </summary>
    public ImmutableArray<UnusedDatum> NotUsed { get; init; } = [];

    /// <summary>
    /// Whether a withheld item concerns this case: it blocked a recommendation, names the requested procedure, belongs
    /// to a pathway the case was considered for, or withholds a whole group. The others (every SCS withheld for an ESI
    /// question, say) are kept in the report but text views fold them under "not relevant to this case".
    /// </summary>
    /// <param name="withheld">An item of <see cref="Withheld"/>.</param>
    /// <returns><see langword="true"/> when the item concerns the case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="withheld"/> is <see langword="null"/>.</exception>
    public bool IsRelevant(WithheldProcedure withheld)
    {
        ArgumentNullException.ThrowIfNull(withheld);
        if (withheld.Procedure is not { Pathway: { } pathway } procedure || !withheld.Overrides.IsDefaultOrEmpty || Request?.Procedure.Id == procedure.Id)
        {
            return true;
        }

        foreach (var considered in Pathways)
        {
            if (considered.Pathway == pathway)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The version of the JSON contract: <see cref="CurrentFormat"/>.</summary>
    [JsonPropertyOrder(-1)]
    public int ReportFormat { get; init; } = CurrentFormat;

    /// <summary>Whether an unexplained red flag stopped every elective procedure.</summary>
    public bool HasRedFlag => Alerts.Any(a => a.Category == "red-flag");

    /// <summary>The stable JSON form (camelCase, indented, lists in report order).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ReportJsonContext.Serialize(this);
}
