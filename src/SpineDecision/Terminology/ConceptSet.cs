using System.Collections.Immutable;

namespace SpineDecision.Terminology;

/// <summary>One concept set, for example <c>diagnosis</c> or <c>procedure</c>: the values one kind of case datum takes.</summary>
/// <param name="Id">Set id, for example <c>diagnosis</c>.</param>
/// <param name="Concepts">Its concepts, in declaration order.</param>
public sealed record ConceptSet(string Id, ImmutableArray<ConceptDefinition> Concepts);
