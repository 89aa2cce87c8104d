using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>A procedure concept as the report shows it.</summary>
/// <param name="Id">Concept id, for example <c>facet-rfa</c>.</param>
/// <param name="Display">Clinician-facing name.</param>
/// <param name="Codes">Codes as <c>SYSTEM:code</c>, for example <c>CPT:64635</c>.</param>
public sealed record ProcedureInfo(string Id, string Display, ImmutableArray<string> Codes);
