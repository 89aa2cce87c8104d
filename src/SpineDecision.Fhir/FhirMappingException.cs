namespace SpineDecision.Fhir;

/// <summary>
/// The FHIR input cannot be mapped at all: it is not JSON, not FHIR R4, or larger than the configured limits. A single
/// resource that fails to parse does not throw: it is skipped and reported in <see cref="FhirMappingReport.Ignored"/>.
/// </summary>
public sealed class FhirMappingException : SpineDecisionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what was expected.</param>
    /// <param name="jsonPath">Where in the input, as a JSON path (for example <c>$.entry[3].resource</c>).</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public FhirMappingException(string message, string jsonPath, Exception? inner = null)
        : base($"{jsonPath}: {message}", inner)
    {
        JsonPath = jsonPath;
    }

    /// <summary>Where in the input the problem is, as a JSON path (for example <c>$.entry[3].resource</c>).</summary>
    public string JsonPath { get; }
}
