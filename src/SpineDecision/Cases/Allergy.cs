using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One allergy or intolerance.</summary>
public sealed record Allergy
{
    /// <summary>The substance, for example <c>iodinated-contrast</c>. A case may write the entry as this value alone.</summary>
    [Key]
    [Concept("allergen")]
    public string? Substance { get; init; }

    /// <summary>The allergy as documented, when no concept or code covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
