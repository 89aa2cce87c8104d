using Hl7.Fhir.Model;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// A Condition's stage and active treatment: <c>Diagnosis.Staged</c> and <c>Diagnosis.OnTreatment</c>, which the rules
/// read for a spinal malignancy (a staged lesion under treatment explains a cancer history; CLINICAL.md §11, AHCPR).
/// Only positive evidence is mapped: no stage and no treatment found leave both unknown, never false, so the rules ask.
/// A treatment names the Condition by <c>reasonReference</c> or by <c>reasonCode</c> (see <see cref="_treatments"/>).
/// </summary>
internal sealed partial class MappingSession
{
    /// <summary>The ATC groups that are systemic therapy of a cancer: L01 antineoplastic agents, L02 endocrine therapy
    /// (WHO ATC index). An analgesic prescribed for the cancer's pain is not treatment of the cancer.</summary>
    private static readonly string[] SystemicCancerTherapyAtc = ["L01", "L02"];

    /// <summary>Radiotherapy procedure codes (SNOMED CT), from the HL7 CodeX Radiation Therapy IG's radiotherapy
    /// category value set (codexrt-radiotherapy-category-vs) and mCODE: 108290001 radiation oncology and/or
    /// radiotherapy, 1287742003 radiotherapy.</summary>
    private static readonly string[] RadiotherapyCodes = ["108290001", "1287742003"];

    private const string AtcSystem = "http://www.whocc.no/atc";

    /// <summary>Each current cancer treatment: where it is, and the reasons that name the Condition it treats: a
    /// reference to that Condition, or a code the Condition carries.</summary>
    private readonly List<(string Source, List<ResourceReference> References, List<CodeableConcept> Codes)> _treatments = [];

    /// <summary>Notes a resource that is a cancer treatment in progress: a current medication order or statement of an
    /// ATC L01/L02 drug, or a radiotherapy Procedure in progress, not begun after the assessment date.</summary>
    private void IndexTreatment(Resource resource)
    {
        var (references, codes) = resource switch
        {
            MedicationRequest r when IsCurrent(r.TypeName, FhirValues.Literal(r.StatusElement)) && IsSystemicCancerTherapy(r.Medication)
                && !(FhirValues.Date(r.AuthoredOn) > _assessmentDate) => (r.ReasonReference, r.ReasonCode),
            MedicationStatement s when IsCurrent(s.TypeName, FhirValues.Literal(s.StatusElement)) && IsSystemicCancerTherapy(s.Medication)
                && !(Begun(s.Effective) > _assessmentDate) => (s.ReasonReference, s.ReasonCode),
            Procedure p when FhirValues.Literal(p.StatusElement) == "in-progress" && IsRadiotherapy(p)
                && !(Begun(p.Performed) > _assessmentDate) => (p.ReasonReference, p.ReasonCode),
            _ => (null, null),
        };
        if (references is { Count: > 0 } || codes is { Count: > 0 })
        {
            _treatments.Add((resource.Id is { } id ? $"{resource.TypeName}/{id}" : resource.TypeName, references!, codes!));
        }
    }

    /// <summary>When a treatment began: a period's start (a course in progress may have a planned end), else the date.</summary>
    private static DateOnly? Begun(DataType? value) => value is Period period ? FhirValues.Date(period.Start) : FhirValues.Date(value);

    private static bool IsCurrent(string type, string? status) => status is null || CurrentStatuses[type].Current.Contains(status);

    private bool IsSystemicCancerTherapy(DataType? medication)
    {
        var code = medication switch
        {
            CodeableConcept concept => concept,
            ResourceReference reference => (Resolve(reference) as Hl7.Fhir.Model.Medication)?.Code,
            _ => null,
        };
        // Every current medication order passes here: a loop, not a closure per call.
        foreach (var coding in code?.Coding ?? [])
        {
            if (coding.System == AtcSystem && coding.Code is { } atc && SystemicCancerTherapyAtc.Any(g => atc.StartsWith(g, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRadiotherapy(Procedure procedure) =>
        new[] { procedure.Code, procedure.Category }.Any(c => c?.Coding.Any(x => x.System == MappingTable.Snomed && RadiotherapyCodes.Contains(x.Code)) == true);

    /// <summary>Whether a Condition records a stage: a stage with a summary (a code or text) or an assessment.</summary>
    private static bool IsStaged(Condition condition) =>
        FhirValues.Present(condition, "stage") is not null && condition.Stage.Any(s => s.Summary is { } summary && (summary.Coding.Any(c => c.Code is not null) || !string.IsNullOrWhiteSpace(summary.Text)) || s.Assessment.Count > 0);

    /// <summary>The treatment whose reason references the Condition (resolved in the Bundle, as <c>Condition/id</c> or
    /// <c>urn:uuid:id</c>), or whose reason code is one the Condition carries (same system and code).</summary>
    private string? TreatmentOf(Condition condition)
    {
        foreach (var (source, references, codes) in _treatments)
        {
            if (references.Any(r => ReferenceEquals(Resolve(r), condition))
                || codes.SelectMany(c => c.Coding).Any(r => condition.Code?.Coding.Any(c => c.System == r.System && c.Code == r.Code && c.Code is not null) == true))
            {
                return source;
            }
        }

        return null;
    }

    /// <summary>A Condition's stage and treatment as the diagnosis records them, each reported with its source; unknown
    /// (null) without positive evidence.</summary>
    private (bool? Staged, bool? OnTreatment) Course(string source, Condition condition)
    {
        bool? staged = null, onTreatment = null;
        if (IsStaged(condition))
        {
            staged = true;
            _mapped.Add(new FhirMappedItem(source + " stage", "diagnoses[].staged", "true"));
            _rowsUsed.Add(MappingTable.DiagnosisStaged.Id);
        }

        if (TreatmentOf(condition) is { } treatment)
        {
            onTreatment = true;
            _mapped.Add(new FhirMappedItem(treatment + " reason → " + source, "diagnoses[].onTreatment", "true"));
            _rowsUsed.Add(MappingTable.DiagnosisOnTreatment.Id);
        }

        return (staged, onTreatment);
    }
}
