namespace SpineDecision.Fhir;

/// <summary>One resource or element the mapping left out of the case, and why.</summary>
/// <param name="Source">The resource (or prefetch member, or JSON path), for example <c>Condition/c-7</c>.</param>
/// <param name="Reason">Why it was left out.</param>
/// <param name="Detail">What exactly, for example the unit that could not be converted.</param>
public sealed record FhirIgnoredItem(string Source, FhirIgnoreReason Reason, string Detail);
