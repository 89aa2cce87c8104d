using Hl7.Fhir.Model;
using SpineDecision.Fhir.Mapping;
using SpineDecision.Terminology;

namespace SpineDecision.Fhir;

/// <summary>
/// Maps a patient's FHIR R4 data (a Bundle of any type, a single resource, or a CDS Hooks prefetch object) to a
/// <see cref="Cases.PatientCase"/> at an assessment date, with a report of what was mapped, ignored and left unknown.
/// It only translates: codes become <c>PREFIX:code</c> through the engine's vocabulary, which resolves them; it takes no
/// clinical decision. Unknown is not none: data that is absent stays unknown. Immutable and thread-safe.
/// </summary>
public sealed class FhirCaseMapper
{
    private readonly VocabularyIndex _vocabulary;
    private readonly FhirMappingOptions _options;

    /// <summary>Creates a mapper for an engine's vocabulary.</summary>
    /// <param name="vocabulary">The vocabulary cases are checked against: <see cref="ISpineDecisionEngine.Vocabulary"/>.</param>
    /// <param name="options">Limits and completeness declarations; defaults when <see langword="null"/>. Read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="vocabulary"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 1.</exception>
    public FhirCaseMapper(ConceptVocabulary vocabulary, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        options ??= new FhirMappingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInputCharacters, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResources, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDepth, 1, nameof(options));
        _vocabulary = new VocabularyIndex(vocabulary);
        _options = Copy(options);
    }

    /// <summary>
    /// Whether a text looks like FHIR JSON rather than a case file: a JSON object with a top-level <c>resourceType</c>
    /// (for example <c>"resourceType": "Bundle"</c>). Hosts that accept both use it to choose the reader.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <returns><see langword="true"/> when the text is a JSON object with a string <c>resourceType</c> member.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool LooksLikeFhir(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new System.Text.Json.JsonReaderOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isResourceType = reader.ValueTextEquals("resourceType");
                reader.Read();
                if (isResourceType)
                {
                    return reader.TokenType == System.Text.Json.JsonTokenType.String;
                }

                reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        return false;
    }

    /// <summary>Maps FHIR JSON: a Bundle, a single resource, or a CDS Hooks prefetch object.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="assessmentDate">The assessment date: ages and durations are computed at it; later resources are ignored.</param>
    /// <returns>The case and the mapping report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FhirMappingException">The text is not JSON, not FHIR R4 at its root, or over a limit; the
    /// message carries the JSON path. A single resource that fails to parse is reported, not thrown.</exception>
    public FhirMappingResult Map(string json, DateOnly assessmentDate)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (_options.Parser == FhirJsonParser.Reference)
        {
            var reference = new MappingSession(_vocabulary, _options, assessmentDate);
            return reference.Run(new FhirJsonInput(_options, reference).Read(json));
        }

        var (session, resources) = new FhirJsonStream(_options, () => new MappingSession(_vocabulary, _options, assessmentDate)).Read(json);
        var result = session.Run(resources);
        FhirJsonStream.Recycle(resources);
        return result;
    }

    /// <summary>Maps a parsed resource: a Bundle (nested Bundles included) or a single resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="assessmentDate">The assessment date: ages and durations are computed at it; later resources are ignored.</param>
    /// <returns>The case and the mapping report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> is null.</exception>
    /// <exception cref="FhirMappingException">The Bundle holds more resources than <see cref="FhirMappingOptions.MaxResources"/>.</exception>
    public FhirMappingResult Map(Resource resource, DateOnly assessmentDate)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var resources = new List<(string, ResourcePath, Resource)>();
        Flatten(resource, ResourcePath.Root, resources);
        return new MappingSession(_vocabulary, _options, assessmentDate).Run(resources);
    }

    private void Flatten(Resource resource, ResourcePath path, List<(string, ResourcePath, Resource)> into)
    {
        if (resource is Bundle bundle)
        {
            var bundlePath = path.ToString();
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                if (bundle.Entry[i].Resource is { } entry)
                {
                    Flatten(entry, new ResourcePath(bundlePath, i), into);
                }
            }

            return;
        }

        if (into.Count >= _options.MaxResources)
        {
            throw new FhirMappingException($"more than {_options.MaxResources:N0} resources (FhirMappingOptions.MaxResources)", path.ToString());
        }

        into.Add((resource.Id is { } id ? $"{resource.TypeName}/{id}" : $"{resource.TypeName} at {path}", path, resource));
    }

    private static FhirMappingOptions Copy(FhirMappingOptions options)
    {
        var copy = new FhirMappingOptions
        {
            MaxInputCharacters = options.MaxInputCharacters,
            MaxResources = options.MaxResources,
            MaxDepth = options.MaxDepth,
            KeepUnclassifiedMedications = options.KeepUnclassifiedMedications,
            Parser = options.Parser,
        };
        copy.CompleteResourceTypes.UnionWith(options.CompleteResourceTypes);
        return copy;
    }
}
