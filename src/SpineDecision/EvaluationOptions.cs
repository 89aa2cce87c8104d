namespace SpineDecision;

/// <summary>How to evaluate one case.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The default: no request, no why-not.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>
    /// Asks for why-not in the report (<see cref="Reports.RecommendationReport.WhyNot"/>): for each procedure of a
    /// considered pathway that is not recommended, the criteria that failed or were unknown, with the patient's values
    /// against the thresholds. Off by default: it re-evaluates the recommending rules' conditions after the session,
    /// which costs more than the evaluation itself; the rest of the report is the same either way.
    /// </summary>
    public bool Explain { get; init; }

    /// <summary>The procedure being asked about (the referral's procedure, or the order being signed): a procedure
    /// concept id such as <c>facet-rfa</c> or a code such as <c>CPT:64635</c>. The report then carries a disposition
    /// for it. When left out, the case's <see cref="Cases.ReferralInfo.RequestedProcedure"/> is answered.</summary>
    public string? RequestedProcedure { get; init; }
}
