using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Model;

/// <summary>A code system declared under <c>codeSystems:</c> in a vocabulary file.</summary>
/// <param name="Prefix">What codes are written with, for example <c>ICD10CM</c> in <c>ICD10CM:M54.16</c>.</param>
/// <param name="Uri">The canonical FHIR system URI, for example <c>http://hl7.org/fhir/sid/icd-10-cm</c>.</param>
/// <param name="Display">Human-readable name, for example <c>ICD-10-CM</c>.</param>
/// <param name="At">Where it was declared.</param>
internal sealed record CodeSystemDef(string Prefix, string Uri, string Display, SourceLocation At);
