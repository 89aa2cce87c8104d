namespace SpineDecision.Terminology;

/// <summary>A code system a case may write codes in, as <c>PREFIX:code</c>.</summary>
/// <param name="Prefix">What a code is written with, for example <c>ICD10CM</c> in <c>ICD10CM:M54.16</c>.</param>
/// <param name="Uri">The canonical FHIR system URI, for example <c>http://hl7.org/fhir/sid/icd-10-cm</c>.</param>
/// <param name="Display">Human-readable name, for example <c>ICD-10-CM</c>.</param>
public sealed record CodeSystem(string Prefix, string Uri, string Display);
