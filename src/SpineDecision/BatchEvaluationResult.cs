using System.Diagnostics.CodeAnalysis;
using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision;

/// <summary>The outcome of one case of a batch: either its report or the reason it could not be evaluated. A failing
/// case never stops the batch.</summary>
/// <param name="Index">The case's position in the input stream, from 0; results come back in this order.</param>
/// <param name="Case">The case as it was read (<see langword="null"/> when the stream held a null).</param>
/// <param name="Report">The report, when the case was evaluated; otherwise <see langword="null"/>.</param>
/// <param name="Error">Why the case could not be evaluated (<see cref="InvalidCaseException"/>,
/// <see cref="RuleEvaluationException"/> or <see cref="RunawayRulesException"/>); <see langword="null"/> on success.</param>
public sealed record BatchEvaluationResult(long Index, PatientCase? Case, RecommendationReport? Report, SpineDecisionException? Error)
{
    /// <summary>Whether the case was evaluated: then <see cref="Report"/> is set and <see cref="Error"/> is not.</summary>
    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null && Report is not null;
}
