namespace SpineDecision.Fhir.Mapping;

/// <summary>One row of the mapping table: which FHIR element fills which case field, with which codes.</summary>
/// <param name="Id">Stable id, used by the coverage test.</param>
/// <param name="CasePath">The case field or list, for example <c>labs.inr</c>.</param>
/// <param name="Fhir">The FHIR resource and element, for example <c>Observation.valueQuantity</c>.</param>
/// <param name="Codes">The codes and code systems read, and conversions.</param>
internal sealed record MappingRow(string Id, string CasePath, string Fhir, string Codes);
