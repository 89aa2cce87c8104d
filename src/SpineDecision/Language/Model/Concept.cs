using System.Collections.Immutable;
using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Model;

/// <summary>One concept of a vocabulary set, for example the procedure <c>facet-rfa</c>.</summary>
/// <param name="Id">Kebab-case id used in rules and cases.</param>
/// <param name="Set">The set it belongs to, for example <c>procedure</c>.</param>
/// <param name="Display">Clinician-facing name.</param>
/// <param name="Codes">
/// Every code of the concept as <c>SYSTEM:code</c>, for example <c>CPT:64633</c>; a trailing <c>*</c> claims every code
/// that starts with the rest (<c>ICD10CM:M51.36*</c>). Includes <see cref="SharedCodes"/>, so reports list them all.
/// </param>
/// <param name="Groups">Groups a withhold can target, for example <c>neuraxial</c>.</param>
/// <param name="At">Where it was declared.</param>
internal sealed record Concept(string Id, string Set, string Display, ImmutableArray<string> Codes, ImmutableArray<string> Groups, SourceLocation At)
{
    /// <summary>
    /// The codes of <see cref="Codes"/> that the concept is recorded under but that do not identify it alone (another
    /// concept of the set is recorded under them too, such as CPT 64483 for a transforaminal ESI and a diagnostic
    /// nerve root block). They are listed and reported, but a case that writes one does not resolve to this concept.
    /// </summary>
    public ImmutableArray<string> SharedCodes { get; init; } = [];

    /// <summary>Where each code of <see cref="Codes"/> was written, in the same order; empty when built in code.</summary>
    public ImmutableArray<SourceLocation> CodeLocations { get; init; } = [];

    /// <summary>
    /// The concept of the same set this one is a kind of (<c>facet-rfa-repeat</c> is a kind of <c>facet-rfa</c>), as
    /// written; <see langword="null"/> for most. The vocabulary checks it and derives the rest: a kind inherits its
    /// parent's groups and, as shared codes, its codes; a rule that names the parent applies to its kinds.
    /// </summary>
    public string? KindOf { get; init; }

    /// <summary>Where <see cref="KindOf"/> was written.</summary>
    public SourceLocation? KindOfAt { get; init; }
}
