namespace SpineDecision.Reports;

/// <summary>
/// A documented datum no rule can use: a code of a known system that no concept claims (a hypertension code on a
/// problem list), or an item written only as text. It still counts as documented, so its list is not "not
/// documented"; the report lists it so that a reviewer sees what the rules did not read.
/// </summary>
/// <param name="Path">Where it is in the case, for example <c>diagnoses[1].code</c>.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Reason">Why no rule uses it.</param>
public sealed record UnusedDatum(string Path, string Value, string Reason);
