namespace SpineDecision.Reports;

/// <summary>One reason behind a disposition: the report item that decided it.</summary>
/// <param name="Kind"><c>red-flag</c>, <c>recommended</c>, <c>precaution</c>, <c>temporary-withhold</c>, <c>withheld</c>,
/// <c>information-needed</c> or <c>not-recommended</c> (no rule recommends it; see why-not).</param>
/// <param name="Text">The item's text, with the patient's values; for a temporary withhold it ends with when to reassess.</param>
/// <param name="Procedure">The procedure the reason is about, when there is one.</param>
/// <param name="Rule">The rule behind it, with its citations; null when no rule fired.</param>
public sealed record DecisionReason(string Kind, string Text, ProcedureInfo? Procedure, RuleReference? Rule);
