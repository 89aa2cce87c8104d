using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Terminology;

namespace SpineDecision.Scenarios;

/// <summary>
/// Reads the FHIR files scenarios give under <c>givenFhir</c>. The core does not read FHIR: a host that references a
/// FHIR reader (the <c>spine-rules</c> CLI, the test projects) gives one to <see cref="ScenarioRunner"/>; without one,
/// such a scenario fails and says what is missing.
/// </summary>
internal interface IScenarioCaseSource
{
    /// <summary>Maps a FHIR file to a case.</summary>
    /// <param name="path">The file, resolved against the scenario file's folder.</param>
    /// <param name="assessmentDate">The date the data is mapped at.</param>
    /// <param name="vocabulary">The vocabulary of the engine the scenario runs on.</param>
    /// <returns>The case and what the mapping did.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="SpineDecisionException">The file is not FHIR JSON the reader can map (malformed JSON, not R4, over a limit).</exception>
    ScenarioCaseRead Read(string path, DateOnly assessmentDate, ConceptVocabulary vocabulary);
}

/// <summary>A case read from a scenario's FHIR file, and what the mapping did (for <c>expect.mapping</c>).</summary>
/// <param name="Case">The case.</param>
/// <param name="Mapped">Each datum mapped: the resource it came from and the case path it went to.</param>
/// <param name="Ignored">Each resource or element left out: its source and the reason.</param>
/// <param name="Unknown">The case fields that stayed unknown.</param>
internal sealed record ScenarioCaseRead(
    PatientCase Case,
    ImmutableArray<(string Source, string CasePath)> Mapped,
    ImmutableArray<(string Source, string Reason)> Ignored,
    ImmutableArray<string> Unknown);
