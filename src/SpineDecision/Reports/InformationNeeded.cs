using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>A datum the rules need but the case does not document.</summary>
/// <param name="Datum">The case field or fact type, for example <c>pain.durationWeeks</c>.</param>
/// <param name="Why">Why it matters.</param>
/// <param name="Unlocks">The procedures whose criteria it would let the rules decide.</param>
/// <param name="Rule">The rule that asks.</param>
/// <param name="Decisive">Whether the answer can change a disposition of this report: it could make a procedure of a
/// considered pathway recommended, or add a condition to a recommended one. A question about an excluded pathway is
/// listed but not decisive.</param>
public sealed record InformationNeeded(string Datum, string Why, ImmutableArray<ProcedureInfo> Unlocks, RuleReference Rule, bool Decisive = false);
