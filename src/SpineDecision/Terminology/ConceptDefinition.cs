using System.Collections.Immutable;

namespace SpineDecision.Terminology;

/// <summary>One concept: what a case may write as its id, or as one of the codes it claims.</summary>
/// <param name="Id">Concept id written in rules and cases, for example <c>discogenic-pain</c>.</param>
/// <param name="Display">Clinician-facing name.</param>
/// <param name="Codes">Its standard codes, in declaration order.</param>
/// <param name="Groups">Groups a withhold or caution can target, for example <c>neuraxial</c>; empty for most sets.</param>
public sealed record ConceptDefinition(string Id, string Display, ImmutableArray<ConceptCode> Codes, ImmutableArray<string> Groups);
