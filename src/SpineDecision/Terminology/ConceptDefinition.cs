using System.Collections.Immutable;

namespace SpineDecision.Terminology;

/// <summary>One concept: what a case may write as its id, or as one of the codes it claims.</summary>
/// <param name="Id">Concept id written in rules and cases, for example <c>discogenic-pain</c>.</param>
/// <param name="Display">Clinician-facing name.</param>
/// <param name="Codes">Its standard codes, in declaration order.</param>
/// <param name="Groups">Groups a withhold or caution can target, for example <c>neuraxial</c>; empty for most sets.</param>
public sealed record ConceptDefinition(string Id, string Display, ImmutableArray<ConceptCode> Codes, ImmutableArray<string> Groups)
{
    /// <summary>The concept of the same set this one is a kind of (a repeat RFA is a kind of RFA), or
    /// <see langword="null"/>. A kind inherits its parent's groups and, as codes that do not identify it, its codes; rules
    /// that name the parent apply to it.</summary>
    public string? KindOf { get; init; }
}
