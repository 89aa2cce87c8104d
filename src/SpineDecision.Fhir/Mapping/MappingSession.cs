using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Hl7.Fhir.Model;
using Medication = Hl7.Fhir.Model.Medication;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// One mapping: reads resources into case fields and lists, remembers where each datum came from, and builds the case
/// and its report. Not thread-safe; one per call.
/// </summary>
internal sealed partial class MappingSession
{
    private readonly VocabularyIndex _vocabulary;
    private readonly FhirMappingOptions _options;
    private readonly DateOnly _assessmentDate;
    private readonly Dictionary<string, Scalar> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IList> _lists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declaredEmpty = new(StringComparer.Ordinal);
    private readonly List<FhirMappedItem> _mapped = [];
    private readonly List<FhirIgnoredItem> _ignored = [];
    private readonly Dictionary<(string Source, FhirIgnoreReason Reason, string Detail), int> _tallies = [];
    private readonly HashSet<string> _rowsUsed = new(StringComparer.Ordinal);
    private IReadOnlyList<(string Source, ResourcePath Path, Resource Resource)> _resources = [];
    private Dictionary<string, Resource>? _byReference;
    private readonly Dictionary<string, string> _sectionCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DiagnosticReport>> _reportsByStudy = new(StringComparer.Ordinal);
    private readonly List<string> _unclassifiedMedications = [];
    private readonly HashSet<(string Site, string? Side)> _painLocations = [];
    private readonly List<DeviceEvent> _deviceEvents = [];
    private readonly Dictionary<string, List<Observation>> _partsByProcedure = new(StringComparer.Ordinal);
    private readonly HashSet<string> _leftUnknown = new(StringComparer.Ordinal);
    private bool _patientSeen;

    public MappingSession(VocabularyIndex vocabulary, FhirMappingOptions options, DateOnly assessmentDate)
    {
        _vocabulary = vocabulary;
        _options = options;
        _assessmentDate = assessmentDate;
    }

    /// <summary>A value set for a scalar case field, with its date (a later one wins) and where it came from.</summary>
    private sealed record Scalar(object Value, DateOnly? Date, string Source, MappingRow Row);

    /// <summary>Counts ignored resources of one kind, reported as one line at the end.</summary>
    private void Tally(string source, FhirIgnoreReason reason, string detail) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tallies, (source, reason, detail), out _)++;

    /// <summary>Tallies in the order reports list them: by source, reason, then detail.</summary>
    private static int TallyOrder(KeyValuePair<(string Source, FhirIgnoreReason Reason, string Detail), int> x, KeyValuePair<(string Source, FhirIgnoreReason Reason, string Detail), int> y) =>
        string.CompareOrdinal(x.Key.Source, y.Key.Source) is var source and not 0 ? source
        : x.Key.Reason != y.Key.Reason ? x.Key.Reason.CompareTo(y.Key.Reason) : string.CompareOrdinal(x.Key.Detail, y.Key.Detail);

    public void Ignore(string source, FhirIgnoreReason reason, string detail) => _ignored.Add(new FhirIgnoredItem(source, reason, detail));

    /// <summary>Maps every resource; <paramref name="resources"/> pairs each with the label reports use.</summary>
    public FhirMappingResult Run(IReadOnlyList<(string Source, ResourcePath Path, Resource Resource)> resources)
    {
        _resources = resources;
        foreach (var (_, _, resource) in resources)
        {
            Index(resource);
        }

        foreach (var (source, path, resource) in resources)
        {
            try
            {
                MapResource(source, resource);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A resource the mapping cannot read is skipped and reported; it never aborts the mapping.
                Ignore(source, FhirIgnoreReason.ParseFailed, $"{path}: not valid FHIR R4: {e.Message}");
            }
        }

        return Finish();
    }

    private void Index(Resource resource)
    {
        IndexTreatment(resource);
        switch (resource)
        {
            case Composition composition:
                IndexSections(composition.Section);
                break;
            case Observation observation when FhirValues.Present(observation, "partOf") is not null:
                IndexProcedurePart(observation);
                break;
            case DiagnosticReport report:
                IndexReportResults(report);
                foreach (var study in report.ImagingStudy)
                {
                    if (study.Reference is { } reference)
                    {
                        // Keyed as studies are looked up (Type/id or urn:uuid:id), so each study finds its reports at once.
                        var key = reference.StartsWith("urn:uuid:", StringComparison.Ordinal) ? reference : LastTwo(reference);
                        (_reportsByStudy.TryGetValue(key, out var list) ? list : _reportsByStudy[key] = []).Add(report);
                    }
                }

                break;
        }
    }

    private void IndexSections(List<Composition.SectionComponent> sections)
    {
        foreach (var section in sections)
        {
            var loinc = section.Code?.Coding.FirstOrDefault(c => c.System == MappingTable.Loinc)?.Code;
            foreach (var entry in section.Entry)
            {
                if (loinc is not null && entry.Reference is { } reference)
                {
                    _sectionCodes.TryAdd(reference, loinc);
                }
            }

            IndexSections(section.Section);
        }
    }

    private Resource? Resolve(ResourceReference? reference) =>
        reference?.Reference is { } r && (ByReference().TryGetValue(r, out var found) || ByReference().TryGetValue(LastTwo(r), out found)) ? found : null;

    /// <summary>Resources by <c>Type/id</c> and <c>urn:uuid:id</c> (the first of a duplicate wins), built on the first
    /// reference resolved: most Bundles resolve none, and two keys per resource were a tenth of the mapping's time.</summary>
    private Dictionary<string, Resource> ByReference()
    {
        if (_byReference is null)
        {
            _byReference = new Dictionary<string, Resource>(StringComparer.Ordinal);
            foreach (var (_, _, resource) in _resources)
            {
                if (resource.Id is { } id)
                {
                    _byReference.TryAdd($"{resource.TypeName}/{id}", resource);
                    _byReference.TryAdd($"urn:uuid:{id}", resource);
                }
            }
        }

        return _byReference;
    }

    private static string LastTwo(string reference)
    {
        var parts = reference.Split('/');
        return parts.Length >= 2 ? $"{parts[^2]}/{parts[^1]}" : reference;
    }

    /// <summary>The resource types <see cref="MapResource"/> reads (or indexes); JSON input parses no other type.
    /// A test checks that each is handled and that others are reported.</summary>
    internal static readonly FrozenSet<string> ReadResourceTypes = new[]
    {
        "Patient", "Condition", "Observation", "QuestionnaireResponse", "Procedure", "MedicationRequest", "MedicationStatement",
        "AllergyIntolerance", "ImagingStudy", "DiagnosticReport", "Encounter", "ServiceRequest", "Device", "List", "Composition", "Medication",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Counts a resource of a type the mapping does not read.</summary>
    public void TallyUnsupported(string type) => Tally(type, FhirIgnoreReason.UnsupportedResource, "resource(s) of a type the mapping does not read");

    private void MapResource(string source, Resource resource)
    {
        switch (resource)
        {
            case Patient patient: MapPatient(source, patient); break;
            case Condition condition: MapCondition(source, condition); break;
            case Observation observation: MapObservation(source, observation); break;
            case QuestionnaireResponse response: MapQuestionnaireResponse(source, response); break;
            case Procedure procedure: MapProcedure(source, procedure); break;
            case MedicationRequest request: MapMedication(source, request, request.StatusElement, request.Medication, request.AuthoredOn); break;
            case MedicationStatement statement: MapMedication(source, statement, statement.StatusElement, statement.Medication, FhirValues.Date(statement.Effective)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
            case AllergyIntolerance allergy: MapAllergy(source, allergy); break;
            case ImagingStudy study: MapImagingStudy(source, study); break;
            case DiagnosticReport report: MapDiagnosticReport(source, report); break;
            case Encounter encounter: MapEncounter(source, encounter); break;
            case ServiceRequest request: MapServiceRequest(source, request); break;
            case Device device: MapDevice(source, device); break;
            case List list: MapList(source, list); break;
            case Composition: break; // an index: its sections are read with the resources they reference
            case Medication: break; // read through the MedicationRequest or MedicationStatement that references it
            default:
                TallyUnsupported(resource.TypeName);
                break;
        }
    }

    /// <summary>Sets a scalar case field unless a value dated later (or as late) is already set; reports the loser.</summary>
    private bool Set(MappingRow row, string path, object value, DateOnly? date, string source)
    {
        var field = CaseModelIndex.Get(path);
        if (value is double number && !field.InRange(number))
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"{path} = {FhirValues.Show(number)} is outside {FhirValues.Show(field.Min ?? double.MinValue)}–{FhirValues.Show(field.Max ?? double.MaxValue)}");
            return false;
        }

        if (_scalars.TryGetValue(path, out var existing))
        {
            if ((existing.Date ?? DateOnly.MinValue) >= (date ?? DateOnly.MinValue))
            {
                Ignore(source, FhirIgnoreReason.Superseded, $"{path}: {existing.Source} is as recent or later");
                return false;
            }

            Ignore(existing.Source, FhirIgnoreReason.Superseded, $"{path}: {source} is later");
        }

        _scalars[path] = new Scalar(value, date, source, row);
        _rowsUsed.Add(row.Id);
        return true;
    }

    /// <summary>Adds an item to a case list and records it.</summary>
    private void Add<T>(MappingRow row, string path, T item, string source, string shown)
    {
        if (!_lists.TryGetValue(path, out var list))
        {
            _lists[path] = list = new List<T>();
        }

        list.Add(item);
        _mapped.Add(new FhirMappedItem(source, path, shown));
        _rowsUsed.Add(row.Id);
    }

    private void DeclareEmpty(MappingRow? row, string path, string source)
    {
        _declaredEmpty.Add(path);
        _mapped.Add(new FhirMappedItem(source, path, "[] (reviewed, none)"));
        if (row is not null)
        {
            _rowsUsed.Add(row.Id);
        }
    }

    /// <summary>Whether the resource is dated after the assessment date; reports it when so.</summary>
    private bool AfterAssessment(string source, DateOnly? date)
    {
        if (date is { } d && d > _assessmentDate)
        {
            Ignore(source, FhirIgnoreReason.AfterAssessmentDate, $"dated {d:yyyy-MM-dd}, after the assessment date {_assessmentDate:yyyy-MM-dd}");
            return true;
        }

        return false;
    }

    private static readonly (string ResourceType, string[] Lists)[] CompleteTypeLists =
    [
        ("AllergyIntolerance", ["allergies"]),
        ("MedicationRequest", ["medications"]),
        ("MedicationStatement", ["medications"]),
        ("Condition", ["diagnoses", "comorbidities"]),
        ("Procedure", ["priorProcedures"]),
        ("ImagingStudy", ["imaging"]),
        ("DiagnosticReport", ["imaging"]),
        ("Device", ["devices"]),
    ];

    /// <summary>The case fields the mapping table maps, in table order: those left without a value are reported unknown.</summary>
    private static readonly ImmutableArray<string> MappedPaths = [.. MappingTable.Rows.SelectMany(r => r.CasePath.Split(", "))
        .Where(p => CaseModelIndex.Find(p) is not null)
        .Distinct(StringComparer.Ordinal)];

    private FhirMappingResult Finish()
    {
        FinishDevices();
        foreach (var (type, lists) in CompleteTypeLists)
        {
            if (_options.CompleteResourceTypes.Contains(type))
            {
                foreach (var list in lists.Where(l => !_lists.ContainsKey(l) && !_declaredEmpty.Contains(l) && !_leftUnknown.Contains(l)))
                {
                    DeclareEmpty(null, list, $"{type} (declared complete)");
                }
            }
        }

        if (_options.CompleteResourceTypes.Contains("Encounter") && !_scalars.ContainsKey("patient.hospitalised"))
        {
            _scalars["patient.hospitalised"] = new Scalar(false, null, "Encounter (declared complete, none inpatient)", MappingTable.Hospitalised);
        }

        var tallies = _tallies.ToList();
        tallies.Sort(TallyOrder);
        foreach (var ((source, reason, detail), count) in tallies)
        {
            Ignore(source, reason, $"{count} {detail}");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var mappedScalars = new List<FhirMappedItem>();
        foreach (var field in CaseModelIndex.All)
        {
            if (_scalars.TryGetValue(field.Path, out var scalar))
            {
                values[field.Path] = scalar.Value;
                mappedScalars.Add(new FhirMappedItem(scalar.Source, field.Path, Show(scalar.Value)));
            }
            else if (field.IsList && ListValue(field) is { } list)
            {
                values[field.Path] = list;
            }
        }

        foreach (var path in _leftUnknown)
        {
            values.Remove(path);
        }

        if (_unclassifiedMedications.Count > 0 && !_options.KeepUnclassifiedMedications)
        {
            values.Remove("medications");
            Ignore("medications", FhirIgnoreReason.Unused,
                $"left unknown: the drug class of {string.Join(", ", _unclassifiedMedications)} is not in the vocabulary, so anticoagulant and antiplatelet use cannot be read as none");
        }

        var patientCase = CaseModelIndex.Build(_assessmentDate, values);
        var unknown = MappedPaths.Where(p => !CaseModelIndex.IsKnown(patientCase, p)).ToImmutableArray();
        var report = new FhirMappingReport([.. mappedScalars, .. _mapped], [.. _ignored], unknown)
        {
            RowsUsed = [.. _rowsUsed.Order(StringComparer.Ordinal)],
        };
        return new FhirMappingResult(patientCase, report);
    }

    private object? ListValue(CaseField field)
    {
        if (_lists.TryGetValue(field.Path, out var list))
        {
            return list;
        }

        return _declaredEmpty.Contains(field.Path) ? Array.CreateInstance(field.ValueType, 0) : null;
    }

    private static string Show(object value) => value switch
    {
        double d => FhirValues.Show(d),
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> items => string.Join(", ", items),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

}
