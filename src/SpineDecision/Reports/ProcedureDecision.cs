using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>The answer for one requested procedure: "requested facet RFA: not indicated, because …".</summary>
/// <param name="Procedure">The requested procedure.</param>
/// <param name="Pathway">Its pathway id, when it belongs to one.</param>
/// <param name="Disposition">One of <see cref="Dispositions"/>.</param>
/// <param name="Reasons">The items that decided it.</param>
public sealed record ProcedureDecision(ProcedureInfo Procedure, string? Pathway, string Disposition, ImmutableArray<DecisionReason> Reasons);
