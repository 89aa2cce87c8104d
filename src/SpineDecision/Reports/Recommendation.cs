using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>A recommended next procedure.</summary>
/// <param name="Procedure">The procedure, with codes.</param>
/// <param name="Intent"><c>diagnostic</c> or <c>therapeutic</c>.</param>
/// <param name="Strength"><c>recommended</c>, <c>consider</c>, or <c>conditional</c> when a must-address precaution applies.</param>
/// <param name="Approach">The approach concept, for example <c>transforaminal</c>, when the rule selects one.</param>
/// <param name="Target">Region, side and levels taken from the case.</param>
/// <param name="Rationale">Why, with the patient's values.</param>
/// <param name="NextSteps">What to do next.</param>
/// <param name="Precautions">The precautions that apply to it, must-address (conditions to meet first, for example an
/// anticoagulant management plan) and advisory (technique notes).</param>
/// <param name="Rule">The rule that recommends it.</param>
/// <param name="Explanation">The derivation tree.</param>
public sealed record Recommendation(
    ProcedureInfo Procedure,
    string Intent,
    string Strength,
    string? Approach,
    TargetSite Target,
    string Rationale,
    ImmutableArray<string> NextSteps,
    ImmutableArray<Precaution> Precautions,
    RuleReference Rule,
    Explanation Explanation);

/// <summary>Where a procedure is aimed.</summary>
/// <param name="Region">Spinal region.</param>
/// <param name="Side">Side.</param>
/// <param name="Levels">Levels.</param>
public sealed record TargetSite(string? Region, string? Side, string? Levels);
