using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>A contraindication or precaution as the clinician recorded it, for example an active infection.</summary>
public sealed record RecordedContraindication
{
    /// <summary>The condition: active-systemic-infection, local-infection, bleeding-disorder, pregnancy,
    /// contrast-allergy, local-anaesthetic-allergy, steroid-allergy, uncontrolled-diabetes…</summary>
    [Key]
    [Concept("contraindication")]
    public string? Condition { get; init; }

    /// <summary>Whether it is being treated or managed (an infection on antibiotics, a management plan in place).</summary>
    public bool? Managed { get; init; }

    /// <summary>The contraindication as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
