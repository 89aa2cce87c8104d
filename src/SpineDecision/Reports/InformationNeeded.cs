using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>A datum the rules need but the case does not document.</summary>
/// <param name="Datum">The case field or fact type, for example <c>pain.durationWeeks</c>.</param>
/// <param name="Why">Why it matters.</param>
/// <param name="Unlocks">The procedures whose criteria it would let the rules decide.</param>
/// <param name="Rule">The rule that asks.</param>
public sealed record InformationNeeded(string Datum, string Why, ImmutableArray<ProcedureInfo> Unlocks, RuleReference Rule);
