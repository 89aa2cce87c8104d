namespace SpineDecision.Language.Model;

/// <summary>The result of <see cref="Vocabulary.Lookup"/>.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Concept">The concept it resolves to, for <see cref="ConceptLookupKind.Concept"/> and <see cref="ConceptLookupKind.ClaimedCode"/>.</param>
/// <param name="Problem">
/// For the error kinds, what is wrong, with a did-you-mean where one is close (for example
/// <c>'lumbr' is not a concept of the 'region' set (did you mean 'lumbar'?)</c>); <see langword="null"/> otherwise.
/// </param>
internal readonly record struct ConceptLookup(ConceptLookupKind Kind, Concept? Concept, string? Problem)
{
    /// <summary>Whether the value is acceptable in a case: a concept id, or a code of a known system.</summary>
    public bool IsValid => Problem is null;
}
