using Hl7.Fhir.Model;
using SpineDecision.Cases;
using CaseImagingStudy = SpineDecision.Cases.ImagingStudy;
using ImagingStudy = Hl7.Fhir.Model.ImagingStudy;

namespace SpineDecision.Fhir.Mapping;

internal sealed partial class MappingSession
{
    private const string DicomSystem = "http://dicom.nema.org/resources/ontology/DCM";

    private static readonly Dictionary<string, string> DicomModalities = new(StringComparer.Ordinal)
    {
        ["MR"] = "mri", ["CT"] = "ct", ["CR"] = "xray", ["DX"] = "xray",
    };

    /// <summary>LOINC list codes that say which case list a List resource is about.</summary>
    private static readonly Dictionary<string, string> ListCodes = new(StringComparer.Ordinal)
    {
        ["48765-2"] = "allergies", ["10160-0"] = "medications", ["11450-4"] = "diagnoses", ["47519-4"] = "priorProcedures",
    };

    private void MapEncounter(string source, Encounter encounter) =>
        MapEncounter(source, FhirValues.Literal(encounter.StatusElement), encounter.Class?.Code, encounter.Period?.Start, encounter.Period?.End);

    /// <summary>Maps an Encounter from the four values the mapping reads; JSON input calls it without parsing the
    /// resource (encounters are the most numerous resources of an EHR export and almost all are outpatient).</summary>
    public void MapEncounter(string source, string? status, string? classCode, string? periodStart, string? periodEnd)
    {
        if (status == "entered-in-error")
        {
            Ignore(source, FhirIgnoreReason.EnteredInError, "Encounter entered in error");
            return;
        }

        var start = FhirValues.Date(periodStart);
        if (AfterAssessment(source, start))
        {
            return;
        }

        var inpatient = classCode is "IMP" or "ACUTE" or "NONAC";
        var end = FhirValues.Date(periodEnd);
        var ongoing = status is "in-progress" or "arrived" or "onleave" || (status is null or "unknown" && end is null && start is not null);
        if (inpatient && ongoing && (end is null || end >= _assessmentDate))
        {
            Set(MappingTable.Hospitalised, "patient.hospitalised", true, start, source);
            return;
        }

        // Encounters are many and mostly outpatient: one line per kind, not one per visit.
        Tally("Encounter", FhirIgnoreReason.NotCurrent, inpatient ? "inpatient stay(s) not in progress at the assessment date" : OutpatientDetail(classCode));
    }

    /// <summary>The tally line of encounters of one class, written once per class and mapping, not once per visit.</summary>
    private string OutpatientDetail(string? classCode)
    {
        ref var detail = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_outpatientDetails, classCode ?? "\0", out var exists);
        return exists ? detail! : detail = $"encounter(s) of class {classCode ?? "(none)"}, not an inpatient stay";
    }

    private readonly Dictionary<string, string> _outpatientDetails = new(StringComparer.Ordinal);

    private void MapServiceRequest(string source, ServiceRequest request)
    {
        if (!Current(source, "ServiceRequest", FhirValues.Literal(request.StatusElement)))
        {
            return;
        }

        var date = FhirValues.Date(request.AuthoredOn);
        if (AfterAssessment(source, date))
        {
            return;
        }

        var chosen = _vocabulary.Choose(request.Code, "procedure");
        if (chosen is { } c && (c.Concept is not null || c.Value.StartsWith("CPT:", StringComparison.Ordinal) || c.Value.StartsWith("HCPCS:", StringComparison.Ordinal)))
        {
            if (Set(MappingTable.RequestedProcedure, "referral.requestedProcedure", c.Value, date, source))
            {
                MapRequestedSites(source, request.BodySite, date);
            }
        }
        else
        {
            Ignore(source, FhirIgnoreReason.Unused, $"no procedure concept, CPT or HCPCS code in {Codes(request.Code)}");
        }

        foreach (var reason in request.ReasonCode)
        {
            AddDiagnosis(MappingTable.ReasonCode, source + " reasonCode", reason, null, null, null);
        }
    }

    /// <summary>The levels and side of the requested procedure, from the same ServiceRequest as its code: an earlier
    /// request's sites never describe a later request's procedure.</summary>
    private void MapRequestedSites(string source, List<CodeableConcept> sites, DateOnly? date)
    {
        _scalars.Remove("referral.levels");
        _scalars.Remove("referral.side");
        if (Levels(sites) is { } levels)
        {
            Set(MappingTable.RequestedLevels, "referral.levels", levels, date, source + " bodySite");
        }

        if (SideOf(sites) is { } side)
        {
            Set(MappingTable.RequestedSide, "referral.side", side, date, source + " bodySite");
        }
    }

    private void MapList(string source, List list)
    {
        if (FhirValues.Literal(list.StatusElement) == "entered-in-error")
        {
            Ignore(source, FhirIgnoreReason.EnteredInError, "List entered in error");
            return;
        }

        var path = list.Code?.Coding.Select(c =>
                c.System == MappingTable.Loinc && c.Code is not null ? ListCodes.GetValueOrDefault(c.Code)
                : c.System == SpineDecisionFhirUris.CaseFieldSystem && CaseModelIndex.Find(c.Code ?? "") is { IsList: true } ? c.Code
                : null)
            .FirstOrDefault(p => p is not null);
        if (path is null)
        {
            Ignore(source, FhirIgnoreReason.Unused, $"List code {Codes(list.Code)} names no case list");
            return;
        }

        if (list.Entry.Count > 0)
        {
            Ignore(source, FhirIgnoreReason.Unused, $"{path}: a List with entries; its entries are mapped as resources of their own");
            return;
        }

        if (FhirValues.FirstCode(list.EmptyReason) != "nilknown")
        {
            Ignore(source, FhirIgnoreReason.Unused, $"{path}: emptyReason {FhirValues.FirstCode(list.EmptyReason) ?? "(none)"} does not say none (only nilknown does)");
            return;
        }

        DeclareEmpty(MappingTable.EmptyList, path, source);
    }

    private void MapImagingStudy(string source, ImagingStudy study)
    {
        if (!Current(source, "ImagingStudy", FhirValues.Literal(study.StatusElement)))
        {
            return;
        }

        var date = FhirValues.Date(study.Started);
        if (AfterAssessment(source, date))
        {
            return;
        }

        var codes = study.Modality.Concat(study.Series.Select(s => s.Modality)).Where(c => c?.System == DicomSystem && c.Code is not null).ToList();
        var modality = codes.Select(c => DicomModalities.GetValueOrDefault(c.Code ?? "")).FirstOrDefault(m => m is not null);
        var region = study.Series.Select(s => s.BodySite).Where(b => b?.System == MappingTable.Snomed && b.Code is not null)
            .Select(b => SpineStructures.GetValueOrDefault(b!.Code ?? "")).FirstOrDefault(r => r is not null);
        var reports = study.Id is { } id
            ? [.. _reportsByStudy.GetValueOrDefault($"ImagingStudy/{id}", []), .. _reportsByStudy.GetValueOrDefault($"urn:uuid:{id}", [])]
            : new List<DiagnosticReport>();
        var findings = Findings(source, reports);
        var text = modality is null ? study.Description ?? string.Join(", ", codes.Select(c => c.Display ?? c.Code)) : null;
        Add(MappingTable.Imaging, "imaging",
            new CaseImagingStudy { Modality = modality, Date = date, BodySite = region, Findings = findings, Text = string.IsNullOrEmpty(text) ? (modality is null ? "imaging study" : null) : text },
            source, (modality ?? $"text \"{text}\"") + (region is null ? "" : $" {region}") + (findings is null ? "" : $" with {findings.Count} finding(s)"));
    }

    private void MapDiagnosticReport(string source, DiagnosticReport report)
    {
        if (!Current(source, "DiagnosticReport", FhirValues.Literal(report.StatusElement)))
        {
            return;
        }

        if (report.ImagingStudy.Any(s => Resolve(s) is ImagingStudy))
        {
            return; // read with the study it reports on
        }

        var date = FhirValues.Date(report.Effective) ?? (report.Issued is { } issued ? DateOnly.FromDateTime(issued.DateTime) : null);
        if (report.ConclusionCode.Count == 0 && (report.Result.Count == 0 || !IsImagingReport(report)))
        {
            Ignore(source, FhirIgnoreReason.Unused, "DiagnosticReport without conclusionCode, imaging study or radiology results");
            return;
        }

        if (AfterAssessment(source, date))
        {
            return;
        }

        var findings = Findings(source, [report]);
        Add(MappingTable.Imaging, "imaging",
            new CaseImagingStudy { Date = date, Findings = findings, Text = FhirValues.Text(report.Code) ?? "imaging report" },
            source, $"report \"{FhirValues.Text(report.Code)}\" with {findings?.Count ?? 0} finding(s)");
    }
}
