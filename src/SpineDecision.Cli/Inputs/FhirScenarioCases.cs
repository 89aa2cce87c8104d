using System.Runtime.CompilerServices;
using SpineDecision.Fhir;
using SpineDecision.Scenarios;
using SpineDecision.Terminology;

namespace SpineDecision.Cli.Inputs;

/// <summary>
/// Reads the FHIR files scenarios give under <c>givenFhir</c> with <see cref="FhirCaseMapper"/> (default options), for
/// <c>spine-rules test</c>, <c>coverage</c> and <c>validate</c> and the test projects' scenario runners. The file is a
/// FHIR resource (a Bundle or a single resource); one mapper per vocabulary.
/// </summary>
internal sealed class FhirScenarioCases : IScenarioCaseSource
{
    /// <summary>The one instance: it holds nothing but mappers.</summary>
    public static readonly FhirScenarioCases Instance = new();

    private readonly ConditionalWeakTable<ConceptVocabulary, FhirCaseMapper> _mappers = [];

    private FhirScenarioCases()
    {
    }

    /// <inheritdoc/>
    public ScenarioCaseRead Read(string path, DateOnly assessmentDate, ConceptVocabulary vocabulary)
    {
        var text = File.ReadAllText(path);
        if (!FhirCaseMapper.LooksLikeFhir(text))
        {
            // A case file or a prefetch object by mistake would otherwise map to an empty case.
            throw new FhirMappingException("not a FHIR resource: a givenFhir file is FHIR R4 JSON with a top-level \"resourceType\", usually a Bundle", "$");
        }

        var mapper = _mappers.GetValue(vocabulary, v => new FhirCaseMapper(v));
        var (patientCase, report) = mapper.Map(text, assessmentDate);
        return new ScenarioCaseRead(
            patientCase,
            [.. report.Mapped.Select(m => (m.Source, m.CasePath))],
            [.. report.Ignored.Select(i => (i.Source, i.Reason.ToString()))],
            report.Unknown);
    }
}
