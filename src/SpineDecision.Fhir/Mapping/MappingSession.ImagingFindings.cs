using System.Collections.Frozen;
using System.Reflection;
using Hl7.Fhir.Model;
using SpineDecision.Cases;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// Imaging findings as a radiology system structures them: a DiagnosticReport's <c>result</c> Observations, one per
/// finding, with its level and side in <c>bodySite</c>, its presence in <c>value[x]</c> and its details (acuity, marrow
/// oedema, bone-scan uptake, height loss) in components; <c>conclusionCode</c> adds the findings no result names.
/// </summary>
internal sealed partial class MappingSession
{
    /// <summary>SNOMED CT "Clinical course (attribute)": a component coded so gives the finding's acuity.</summary>
    internal const string ClinicalCourse = "263502005";

    /// <summary>SNOMED CT clinical courses (HL7 condition-course value set, descendants of 288524001 Courses): sudden
    /// onset and/or short duration and subacute are acute for the case; chronic is not.</summary>
    private static readonly FrozenDictionary<string, bool> Courses = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["424124008"] = true, ["19939008"] = true, ["90734009"] = false,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>SNOMED CT presence qualifiers (DICOM CID 240 "Present-Absent"): 52101004 present; 2667000 and 272519000
    /// absent. Indeterminate (82334004) and unknown (261665006) say neither.</summary>
    private static readonly FrozenDictionary<string, bool> Presence = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["52101004"] = true, ["2667000"] = false, ["272519000"] = false,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The details of a finding read from components coded in the case-field system
    /// (<c>imaging.findings.marrowOedema</c>…): the yes/no and numeric fields of <see cref="ImagingFinding"/>, derived
    /// from the record so that a field added there is read here.</summary>
    internal static readonly FrozenDictionary<string, PropertyInfo> FindingDetails = typeof(ImagingFinding)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && (p.PropertyType == typeof(bool?) || p.PropertyType == typeof(double?)))
        .ToFrozenDictionary(p => FindingDetailPrefix + char.ToLowerInvariant(p.Name[0]) + p.Name[1..], StringComparer.Ordinal);

    internal const string FindingDetailPrefix = "imaging.findings.";

    private readonly HashSet<string> _reportResults = new(StringComparer.Ordinal);

    /// <summary>Whether a report is a radiology report, whose results are imaging findings: it reports on an
    /// ImagingStudy, or its category is radiology (HL7 v2-0074 RAD, LOINC LP29684-5 as US Core sends it). A laboratory
    /// panel's results are lab Observations, read on their own.</summary>
    private static bool IsImagingReport(DiagnosticReport report) =>
        report.ImagingStudy.Count > 0
        || report.Category.Any(c => FhirValues.Has(c, "http://terminology.hl7.org/CodeSystem/v2-0074", "RAD") || FhirValues.Has(c, MappingTable.Loinc, "LP29684-5"));

    private void IndexReportResults(DiagnosticReport report)
    {
        if (!IsImagingReport(report))
        {
            return;
        }

        foreach (var result in report.Result)
        {
            if (result.Reference is { } reference)
            {
                _reportResults.Add(reference.StartsWith("urn:uuid:", StringComparison.Ordinal) ? reference : LastTwo(reference));
            }
        }
    }

    /// <summary>Whether a DiagnosticReport lists the Observation as a result, so it is read with the report.</summary>
    private bool IsReportResult(Observation observation) =>
        observation.Id is { } id && (_reportResults.Contains($"Observation/{id}") || _reportResults.Contains($"urn:uuid:{id}"));

    /// <summary>The findings of the reports: each result Observation, then the conclusion codes no result named; null
    /// when no report itemises any.</summary>
    private List<ImagingFinding>? Findings(string source, List<DiagnosticReport> reports)
    {
        List<ImagingFinding>? findings = null;
        foreach (var report in reports.Where(r => FhirValues.Literal(r.StatusElement) is not ("entered-in-error" or "cancelled")))
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var result in IsImagingReport(report) ? report.Result : [])
            {
                if (Resolve(result) is not Observation observation)
                {
                    Ignore(source, FhirIgnoreReason.Unused, $"result {result.Reference ?? "(no reference)"}: no current Observation in the input");
                    continue;
                }

                if (!Current($"Observation/{observation.Id}", "Observation", FhirValues.Literal(observation.StatusElement)))
                {
                    continue; // as if absent from the input, which is how JSON input (screening statuses first) sees it
                }

                findings ??= [];
                if (ResultFinding(observation, named) is { } finding)
                {
                    findings.Add(finding);
                }
            }

            foreach (var code in report.ConclusionCode)
            {
                findings ??= [];
                if (_vocabulary.Choose(code, "imaging-finding") is { Concept: { } finding })
                {
                    if (named.Add(finding))
                    {
                        findings.Add(new ImagingFinding { Finding = finding });
                        _rowsUsed.Add(MappingTable.ImagingFindings.Id);
                    }
                }
                else
                {
                    findings.Add(new ImagingFinding { Text = FhirValues.Text(code) ?? Codes(code) });
                    Ignore(source, FhirIgnoreReason.Unused, $"no imaging-finding concept claims {Codes(code)}; kept as text");
                }
            }
        }

        return findings;
    }

    /// <summary>One current result Observation as a finding; null when it says the finding is absent or cannot say
    /// whether it is present (each reported). Adds the finding's concept to <paramref name="named"/>.</summary>
    private ImagingFinding? ResultFinding(Observation observation, HashSet<string> named)
    {
        var source = $"Observation/{observation.Id}";
        var concept = _vocabulary.Choose(observation.Code, "imaging-finding")?.Concept;
        if (concept is not null)
        {
            named.Add(concept);
        }

        if (observation.DataAbsentReason is { } absent)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"imaging finding {concept ?? Codes(observation.Code)}: no value, dataAbsentReason {FhirValues.FirstCode(absent) ?? FhirValues.Text(absent)}; left out, not read as absent");
            return null;
        }

        var present = observation.Value switch
        {
            null => true, // a finding recorded without a value (and without a reason for none) is a finding seen
            FhirBoolean { Value: { } b } => b,
            CodeableConcept value => PresenceOf(value),
            _ => null,
        };
        if (present != true)
        {
            Ignore(source, present is false ? FhirIgnoreReason.Refuted : FhirIgnoreReason.InvalidValue,
                present is false ? $"imaging finding {concept ?? Codes(observation.Code)} reported absent"
                : $"imaging finding {concept ?? Codes(observation.Code)}: value {Value(observation.Value)} says neither present nor absent; left out, not read as absent");
            return null;
        }

        _rowsUsed.Add(MappingTable.ImagingResults.Id);
        var sites = observation.BodySite is { } site ? new List<CodeableConcept> { site } : [];
        var finding = new ImagingFinding
        {
            Finding = concept,
            Level = Levels(sites) is { } levels ? string.Join(", ", levels) : null,
            Side = SideOf(sites),
            Text = concept is null ? FhirValues.Text(observation.Code) ?? Codes(observation.Code) : null,
        };
        if (concept is null)
        {
            Ignore(source, FhirIgnoreReason.Unused, $"no imaging-finding concept claims {Codes(observation.Code)}; kept as text");
        }

        foreach (var component in observation.Component)
        {
            finding = WithDetail(source, finding, component);
        }

        return finding;
    }

    private static bool? PresenceOf(CodeableConcept? value) =>
        value?.Coding.Where(c => c.System == MappingTable.Snomed && c.Code is not null).Select(c => Presence.TryGetValue(c.Code!, out var p) ? p : (bool?)null)
            .FirstOrDefault(p => p is not null);

    private static string Value(DataType? value) => value is CodeableConcept cc ? Codes(cc) : value?.TypeName ?? "(none)";

    /// <summary>The finding with one component's detail set; the finding unchanged (and the component reported) when the
    /// component is not one the mapping reads or its value does not fit.</summary>
    private ImagingFinding WithDetail(string source, ImagingFinding finding, Observation.ComponentComponent component)
    {
        if (FhirValues.Has(component.Code, MappingTable.Snomed, ClinicalCourse))
        {
            var course = (component.Value as CodeableConcept)?.Coding.Where(c => c.System == MappingTable.Snomed && c.Code is not null)
                .Select(c => Courses.TryGetValue(c.Code!, out var acute) ? acute : (bool?)null).FirstOrDefault(a => a is not null);
            if (course is null)
            {
                Ignore(source, FhirIgnoreReason.InvalidValue, $"clinical course {Value(component.Value)} is not acute, subacute or chronic; acuity left unknown");
                return finding;
            }

            _rowsUsed.Add(MappingTable.ImagingFindingDetails.Id);
            return finding with { Acute = course };
        }

        var path = component.Code?.Coding.FirstOrDefault(c => c.System == SpineDecisionFhirUris.CaseFieldSystem)?.Code;
        if (path is null || !FindingDetails.TryGetValue(path, out var property))
        {
            Ignore(source, FhirIgnoreReason.Unused, $"component {Codes(component.Code)} is not one the mapping reads");
            return finding;
        }

        object? value;
        if (property.PropertyType == typeof(bool?))
        {
            value = component.Value switch
            {
                FhirBoolean { Value: { } b } => b,
                CodeableConcept cc => PresenceOf(cc),
                _ => null,
            };
            if (value is null)
            {
                Ignore(source, FhirIgnoreReason.InvalidValue, $"{path}: value {Value(component.Value)} is not a boolean or SNOMED present/absent");
                return finding;
            }
        }
        else if (DetailNumber(source, path, property, component.Value) is { } number)
        {
            value = number;
        }
        else
        {
            return finding;
        }

        // ImagingFinding is an immutable record: a copy with the one property set.
        var copy = finding with { };
        property.SetValue(copy, value);
        _rowsUsed.Add(MappingTable.ImagingFindingDetails.Id);
        return copy;
    }

    /// <summary>A numeric detail in its case unit (a bare number is read in that unit); null, reported, when the unit
    /// differs or the value is out of range.</summary>
    private double? DetailNumber(string source, string path, PropertyInfo property, DataType? value)
    {
        if (FhirValues.Number(value) is not { } number)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"{path}: no numeric value");
            return null;
        }

        var unit = CaseModelIndex.Unit(typeof(ImagingFinding), property.Name);
        if (number.Unit is not null && number.Unit != unit)
        {
            Ignore(source, FhirIgnoreReason.WrongUnit, $"{path}: unit '{number.Unit}' is not {unit ?? "unitless"}");
            return null;
        }

        var (min, max) = CaseModelIndex.Range(typeof(ImagingFinding), property.Name);
        var converted = (double)number.Value;
        if (converted < min || converted > max)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"{path} = {FhirValues.Show(converted)} is outside {FhirValues.Show(min)}–{FhirValues.Show(max)}");
            return null;
        }

        return converted;
    }
}
