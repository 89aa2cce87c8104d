namespace SpineDecision.Fhir;

/// <summary>One datum the mapping put into the case.</summary>
/// <param name="Source">The resource and element it came from, for example <c>Observation/nrs-1 valueInteger</c>.</param>
/// <param name="CasePath">The case field it went to, for example <c>pain.nrs</c> or <c>diagnoses</c>.</param>
/// <param name="Value">The value as written into the case, for example <c>6</c> or <c>ICD10CM:M51.16</c>.</param>
public sealed record FhirMappedItem(string Source, string CasePath, string Value);
