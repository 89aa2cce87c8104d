namespace SpineDecision.Terminology;

/// <summary>A standard code of a concept.</summary>
/// <param name="System">The code system's prefix, for example <c>ICD10CM</c>; see <see cref="ConceptVocabulary.CodeSystems"/> for its URI.</param>
/// <param name="Code">The code without the system, for example <c>M51.36</c>.</param>
/// <param name="IsPrefix">
/// Whether the concept claims every code that starts with <paramref name="Code"/> (written <c>ICD10CM:M51.36*</c>). A
/// case code resolves to the longest claim that matches it; an exact claim beats a prefix claim.
/// </param>
/// <param name="Identifies">
/// Whether a case that writes this code resolves to the concept. <see langword="false"/> for a code the concept
/// shares with another concept of the set (for example CPT 64483 for both a transforaminal epidural steroid injection
/// and a diagnostic nerve root block): reports list it, but it alone does not say which concept was meant.
/// </param>
public sealed record ConceptCode(string System, string Code, bool IsPrefix, bool Identifies)
{
    /// <summary>What the code's descriptor says (region, approach, add-on, imaging guidance), when the vocabulary
    /// declares it under <c>billingCodes</c>; <see langword="null"/> otherwise.</summary>
    public BillingAttributes? Billing { get; init; }
}
