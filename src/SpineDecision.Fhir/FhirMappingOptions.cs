namespace SpineDecision.Fhir;

/// <summary>How <see cref="FhirCaseMapper"/> reads FHIR input: size limits and what the caller declares complete.</summary>
public sealed class FhirMappingOptions
{
    /// <summary>The largest JSON input accepted, in characters. Default 64 MiB; larger input is rejected with
    /// <see cref="FhirMappingException"/> before it is parsed.</summary>
    public int MaxInputCharacters { get; set; } = 64 * 1024 * 1024;

    /// <summary>The most resources one input may carry (Bundle entries, prefetch members and their entries).
    /// Default 20,000; more is rejected with <see cref="FhirMappingException"/>.</summary>
    public int MaxResources { get; set; } = 20_000;

    /// <summary>The deepest JSON nesting accepted. Default 64.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// Resource types the caller declares complete: the input carries every resource of that type the EHR holds for
    /// the patient (for example a searchset without paging). For these types, finding none is an explicit
    /// "reviewed, none" and the case list becomes <c>[]</c>; for every other type, finding none leaves the list
    /// unknown. Names are FHIR resource types, for example <c>AllergyIntolerance</c> or <c>MedicationRequest</c>.
    /// </summary>
    public ISet<string> CompleteResourceTypes { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether to keep a current medication whose drug class the vocabulary cannot tell (for example an RxNorm
    /// clinical-drug code with no ingredient coding). Default <see langword="false"/>: such a medication makes the
    /// whole medication list unknown, so the rules ask about anticoagulants instead of reading "none".
    /// </summary>
    public bool KeepUnclassifiedMedications { get; set; }

    /// <summary>How JSON input is read. The default is one streaming pass with the mapping's own reader; the others
    /// are what the differential tests compare it against.</summary>
    internal FhirJsonParser Parser { get; set; }
}

/// <summary>How JSON input is read (internal: for the differential tests).</summary>
internal enum FhirJsonParser
{
    /// <summary>One <see cref="System.Text.Json.Utf8JsonReader"/> pass over the input; the mapping's own reader for
    /// the common resource types, Firely for the rest.</summary>
    Streaming,

    /// <summary>The same pass, with every resource parsed by Firely's deserialiser.</summary>
    StreamingFirelyResources,

    /// <summary>The reference: a <see cref="System.Text.Json.JsonDocument"/> of the whole input, then every resource
    /// parsed by Firely's deserialiser.</summary>
    Reference,
}
