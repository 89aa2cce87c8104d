using System.Globalization;
using SpineDecision.Cases;
using SpineDecision.Fhir;

namespace SpineDecision.Cli.Inputs;

/// <summary>A FHIR R4 file given where a case is expected: detected by its <c>resourceType</c>, mapped at a date.</summary>
internal static class FhirCaseInput
{
    /// <summary>Maps the file when it is FHIR JSON; null when it is a case file.</summary>
    /// <exception cref="FhirMappingException">The file is FHIR but cannot be mapped.</exception>
    public static FhirMappingResult? TryMap(string path, ISpineDecisionEngine engine, string? date)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
        return FhirCaseMapper.LooksLikeFhir(text) ? new FhirCaseMapper(engine.Vocabulary).Map(text, AssessmentDate(date)) : null;
    }

    /// <summary>The assessment date: as given (yyyy-MM-dd), else today.</summary>
    public static DateOnly AssessmentDate(string? date) =>
        date is null ? DateOnly.FromDateTime(DateTime.Today) : DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
