using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>A procedure concept as the report shows it.</summary>
/// <param name="Id">Concept id, for example <c>facet-rfa</c>.</param>
/// <param name="Display">Clinician-facing name.</param>
/// <param name="Codes">Codes as <c>SYSTEM:code</c>, for example <c>CPT:64635</c>.</param>
/// <param name="Pathway">The pathway it belongs to (a <see cref="PathwayDecision.Pathway"/> id such as <c>facet</c>), or
/// <see langword="null"/> for a procedure of no pathway (spine surgery).</param>
public sealed record ProcedureInfo(string Id, string Display, ImmutableArray<string> Codes, string? Pathway)
{
    /// <summary>The procedure this one is a kind of, for example <c>facet-rfa</c> for <c>facet-rfa-repeat</c>, or
    /// <see langword="null"/>. A kind is billed under its parent's codes, so its id is what tells the two apart.</summary>
    public string? KindOf { get; init; }
}
