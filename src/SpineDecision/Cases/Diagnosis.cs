using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>One diagnosis or problem-list entry.</summary>
public sealed record Diagnosis
{
    /// <summary>The diagnosis: a concept id or a code such as <c>ICD10CM:M51.16</c>. A case may write the entry as
    /// this value alone.</summary>
    [Key]
    [Concept("diagnosis")]
    public string? Code { get; init; }

    /// <summary>Status: confirmed, suspected, ruled-out or historical. Rules read a diagnosis written without a
    /// status as confirmed: it is the clinician's working diagnosis.</summary>
    [Concept("diagnosis-status", Default = "confirmed")]
    public string? Status { get; init; }

    /// <summary>Spinal levels, for example <c>[L4-L5, L5-S1]</c>.</summary>
    [Levels]
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary>Side.</summary>
    [Concept("side")]
    public string? Side { get; init; }

    /// <summary>The nerve root, for example <c>L5</c>.</summary>
    public string? Root { get; init; }

    /// <summary>For a malignancy: whether it has been staged (its extent documented by the work-up).</summary>
    public bool? Staged { get; init; }

    /// <summary>Whether the condition is under active treatment (for a malignancy: systemic therapy, radiotherapy or
    /// surgery in progress or planned by the treating team).</summary>
    public bool? OnTreatment { get; init; }

    /// <summary>Date of onset.</summary>
    public DateOnly? OnsetDate { get; init; }

    /// <summary>The diagnosis as documented, when no concept or code covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
