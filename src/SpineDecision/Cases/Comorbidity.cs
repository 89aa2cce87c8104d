using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One comorbidity.</summary>
public sealed record Comorbidity
{
    /// <summary>The condition, for example <c>bleeding-disorder</c>. A case may write the entry as this value alone.</summary>
    [Key]
    [Concept("comorbidity")]
    public string? Condition { get; init; }

    /// <summary>The comorbidity as documented, when no concept or code covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
