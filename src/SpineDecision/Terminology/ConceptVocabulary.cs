using System.Collections.Immutable;

namespace SpineDecision.Terminology;

/// <summary>
/// The vocabulary an engine checks cases against: its code systems and its concept sets with their codes. Build an
/// EHR mapping table from it instead of reading the YAML; it is fixed for the engine's lifetime.
/// </summary>
/// <param name="CodeSystems">The code systems a case may write codes in, ordered by prefix.</param>
/// <param name="Sets">The concept sets, in declaration order.</param>
public sealed record ConceptVocabulary(ImmutableArray<CodeSystem> CodeSystems, ImmutableArray<ConceptSet> Sets);
