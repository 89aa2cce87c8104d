using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>Why the patient was referred.</summary>
public sealed record ReferralInfo
{
    /// <summary>The category of the referral question: treatment, diagnosis or surgical-planning.</summary>
    [Concept("referral")]
    public string? Question { get; init; }

    /// <summary>The procedure requested, as a procedure concept or a CPT/HCPCS code (for example <c>CPT:64635</c>).</summary>
    [Concept("procedure")]
    public string? RequestedProcedure { get; init; }

    /// <summary>The levels the requested procedure targets, for example <c>[L4-L5]</c>.</summary>
    [Levels]
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary>The side the requested procedure targets.</summary>
    [Concept("side")]
    public string? Side { get; init; }
}
