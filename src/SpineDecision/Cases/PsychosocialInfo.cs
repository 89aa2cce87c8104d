using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>Psychological and behavioural-health status, which gates implanted therapies.</summary>
public sealed record PsychosocialInfo
{
    /// <summary>Psychological evaluation status: not-applicable, not-done, pending, cleared or not-cleared.</summary>
    [Concept("psych-status")]
    public string? Evaluation { get; init; }

    /// <summary>Date of the psychological evaluation.</summary>
    public DateOnly? EvaluationDate { get; init; }

    /// <summary>Whether there is an untreated substance-use disorder, opioid-use disorder included.</summary>
    public bool? UntreatedSubstanceUse { get; init; }

    /// <summary>Whether there is an uncontrolled psychiatric illness.</summary>
    public bool? UncontrolledPsychiatricIllness { get; init; }

    /// <summary>Whether the patient agrees to reduce systemic opioids by 50 % before an intrathecal trial.</summary>
    public bool? OpioidReductionAgreed { get; init; }
}
