using SpineDecision.Cases;

namespace SpineDecision.Fhir;

/// <summary>The case mapped from FHIR input, and what the mapping did.</summary>
/// <param name="Case">The patient case; evaluate it with <see cref="ISpineDecisionEngine.Evaluate(PatientCase)"/>.</param>
/// <param name="Report">What was mapped (resource → case path), what was ignored and why, and what stayed unknown.</param>
public sealed record FhirMappingResult(PatientCase Case, FhirMappingReport Report);
