namespace SpineDecision.Cases;

/// <summary>Psychological and behavioural-health status, which gates implanted therapies.</summary>
public sealed record PsychosocialInfo
{
    /// <summary>Psychological evaluation status (a concept of the <c>psych-status</c> set): cleared, not-cleared or pending.</summary>
    public string? Evaluation { get; init; }

    /// <summary>Whether there is an untreated substance-use disorder.</summary>
    public bool? UntreatedSubstanceUse { get; init; }

    /// <summary>Whether there is an uncontrolled psychiatric illness.</summary>
    public bool? UncontrolledPsychiatricIllness { get; init; }

    /// <summary>Whether the patient agrees to reduce systemic opioids by 50 % before an intrathecal trial.</summary>
    public bool? OpioidReductionAgreed { get; init; }
}
