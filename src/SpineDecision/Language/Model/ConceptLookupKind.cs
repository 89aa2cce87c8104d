namespace SpineDecision.Language.Model;

/// <summary>What a value written for a concept-typed datum turned out to be.</summary>
internal enum ConceptLookupKind
{
    /// <summary>A concept id of the set.</summary>
    Concept,

    /// <summary>A code of a known system that a concept of the set claims, exactly or by prefix.</summary>
    ClaimedCode,

    /// <summary>A code of a known system that no concept of the set claims: valid, kept as written, matched by no rule.</summary>
    UnclaimedCode,

    /// <summary>Written <c>SYSTEM:code</c> with a system the vocabulary does not declare: an error.</summary>
    UnknownSystem,

    /// <summary>Written <c>SYSTEM:</c> with nothing after the colon: an error.</summary>
    InvalidCode,

    /// <summary>Not a concept id of the set (and not written as a code): an error.</summary>
    UnknownConcept,
}
