using System.Globalization;
using System.Text.Json.Nodes;
using SpineDecision.Cases;

namespace SpineDecision.Fhir.Tests;

/// <summary>
/// Renders a case as the FHIR an EHR would send (standard codes where the case has them, the project's concept and
/// case-field systems elsewhere), for the round-trip test. Test code: the package maps FHIR in, never out.
/// </summary>
internal static class CaseToFhir
{
    private const string CaseField = SpineDecisionFhirUris.CaseFieldSystem;

    public static string Render(PatientCase c)
    {
        var entries = new JsonArray();
        var n = 0;
        void Add(JsonObject resource)
        {
            resource["id"] = $"r{++n}";
            entries.Add(new JsonObject { ["resource"] = resource });
        }

        var date = c.AssessmentDate;
        var patient = new JsonObject { ["resourceType"] = "Patient" };
        if (c.Patient.Age is { } age)
        {
            patient["birthDate"] = Iso(date.AddYears(-age).AddMonths(-6));
        }

        if (c.Patient.Sex is { } sex)
        {
            patient["gender"] = sex;
        }

        Add(patient);
        if (c.Patient.Pregnant is { } pregnant)
        {
            Add(Observation("http://loinc.org", "82810-3", "valueCodeableConcept", Coding("http://snomed.info/sct", pregnant ? "77386006" : "60001007")));
        }

        Field(Add, "pain.region", Concept("region", c.Pain.Region));
        Field(Add, "pain.pattern", Concept("pain-pattern", c.Pain.Pattern));
        Field(Add, "pain.laterality", Concept("side", c.Pain.Laterality));
        Field(Add, "pain.durationWeeks", c.Pain.DurationWeeks is { } weeks ? ("valueDecimal", JsonValue.Create(weeks)) : null);
        if (c.Pain.Nrs is { } nrs)
        {
            Add(Observation("http://loinc.org", "72514-3", "valueInteger", JsonValue.Create((int)nrs)));
        }

        if (c.Pain.DisabilityScore is { } score)
        {
            Add(Observation("http://loinc.org", c.Pain.DisabilityScale == "ndi" ? "82237-9" : "97909-6", "valueQuantity",
                new JsonObject { ["value"] = score, ["system"] = "http://unitsofmeasure.org", ["code"] = "%" }));
        }

        Field(Add, "exam.imagingConcordant", c.Exam.ImagingConcordant is { } concordant ? ("valueBoolean", JsonValue.Create(concordant)) : null);
        Field(Add, "exam.myelopathicSigns", c.Exam.MyelopathicSigns is { } signs ? ("valueBoolean", JsonValue.Create(signs)) : null);
        foreach (var finding in c.Exam.Findings ?? [])
        {
            Add(Observation(SpineDecisionFhirUris.ConceptSystem("exam-test"), finding.Test!, "valueCodeableConcept", Codeable("exam-result", finding.Result!)));
        }

        Field(Add, "psychosocial.evaluation", Concept("psych-status", c.Psychosocial.Evaluation));
        Field(Add, "psychosocial.untreatedSubstanceUse", c.Psychosocial.UntreatedSubstanceUse is { } s ? ("valueBoolean", JsonValue.Create(s)) : null);
        Field(Add, "psychosocial.uncontrolledPsychiatricIllness", c.Psychosocial.UncontrolledPsychiatricIllness is { } p ? ("valueBoolean", JsonValue.Create(p)) : null);

        foreach (var diagnosis in c.Diagnoses ?? [])
        {
            Add(new JsonObject { ["resourceType"] = "Condition", ["code"] = Codeable("diagnosis", diagnosis.Code!) });
        }

        foreach (var flag in c.RedFlags ?? [])
        {
            Add(new JsonObject { ["resourceType"] = "Condition", ["code"] = Codeable("red-flag", flag.Flag!) });
        }

        foreach (var study in c.Imaging ?? [])
        {
            var studyId = $"r{n + 1}";
            Add(new JsonObject
            {
                ["resourceType"] = "ImagingStudy", ["status"] = "available", ["subject"] = new JsonObject { ["reference"] = "Patient/r1" },
                ["started"] = study.Date is { } d ? Iso(d) : null,
                ["modality"] = new JsonArray(Coding("http://dicom.nema.org/resources/ontology/DCM", study.Modality == "mri" ? "MR" : "CT")),
            });
            Add(new JsonObject
            {
                ["resourceType"] = "DiagnosticReport", ["status"] = "final", ["code"] = new JsonObject { ["text"] = "imaging report" },
                ["imagingStudy"] = new JsonArray(new JsonObject { ["reference"] = $"ImagingStudy/{studyId}" }),
                ["conclusionCode"] = new JsonArray([.. (study.Findings ?? []).Select(f => (JsonNode)Codeable("imaging-finding", f.Finding!))]),
            });
        }

        foreach (var therapy in c.ConservativeCare ?? [])
        {
            var procedure = new JsonObject { ["resourceType"] = "Procedure", ["status"] = "completed", ["code"] = Codeable("therapy-modality", therapy.Modality!) };
            if (therapy.Weeks is { } w)
            {
                procedure["performedPeriod"] = new JsonObject { ["start"] = Iso(date.AddDays(-(int)(w * 7))), ["end"] = Iso(date) };
            }

            if (therapy.Outcome is { } outcome)
            {
                procedure["outcome"] = Codeable("therapy-outcome", outcome);
            }

            Add(procedure);
        }

        foreach (var prior in c.PriorProcedures ?? [])
        {
            var relief = prior.ReliefPercent ?? (prior.PainBefore is > 0 && prior.PainAfter is { } after ? (prior.PainBefore.Value - after) / prior.PainBefore.Value * 100 : null);
            var procedure = new JsonObject
            {
                ["resourceType"] = "Procedure", ["status"] = "completed", ["code"] = Codeable("procedure", prior.Procedure!),
                ["performedDateTime"] = prior.Date is { } d ? Iso(d) : null,
                ["bodySite"] = prior.Region is { } region ? new JsonArray(Codeable("region", region)) : null,
            };
            if (relief is { } r)
            {
                procedure["extension"] = new JsonArray(new JsonObject { ["url"] = SpineDecisionFhirUris.ReliefPercentExtension, ["valueDecimal"] = Math.Round(r, 1) });
            }

            Add(procedure);
        }

        foreach (var trial in c.Trials ?? [])
        {
            var end = trial.Date!.Value;
            Add(new JsonObject
            {
                ["resourceType"] = "Procedure", ["status"] = "completed", ["code"] = Codeable("trial-kind", trial.Kind!),
                ["performedPeriod"] = new JsonObject { ["start"] = Iso(end.AddDays(-(int)(trial.DurationDays ?? 0))), ["end"] = Iso(end) },
                ["outcome"] = trial.FunctionalImprovement == true ? Codeable("therapy-outcome", "improved") : null,
                ["extension"] = new JsonArray(new JsonObject { ["url"] = SpineDecisionFhirUris.ReliefPercentExtension, ["valueDecimal"] = trial.ReliefPercent }),
            });
        }

        foreach (var medication in c.Medications ?? [])
        {
            Add(new JsonObject
            {
                ["resourceType"] = "MedicationRequest", ["status"] = "active", ["intent"] = "order",
                ["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(Coding(SpineDecisionFhirUris.ConceptSystem("medication-class"), medication.Class!)), ["text"] = medication.Name },
            });
        }

        (int? Count, string Path)[] lists =
        [
            (c.PriorProcedures?.Count, "priorProcedures"), (c.RedFlags?.Count, "redFlags"), (c.Medications?.Count, "medications"),
            (c.Allergies?.Count, "allergies"), (c.Comorbidities?.Count, "comorbidities"), (c.Trials?.Count, "trials"), (c.Devices?.Count, "devices"),
        ];
        foreach (var (count, path) in lists)
        {
            if (count == 0)
            {
                Add(new JsonObject
                {
                    ["resourceType"] = "List", ["status"] = "current", ["mode"] = "snapshot",
                    ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding(CaseField, path)) },
                    ["emptyReason"] = new JsonObject { ["coding"] = new JsonArray(Coding("http://terminology.hl7.org/CodeSystem/list-empty-reason", "nilknown")) },
                });
            }
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = entries }.ToJsonString();
    }

    private static void Field(Action<JsonObject> add, string path, (string Element, JsonNode? Value)? value)
    {
        if (value is { } v)
        {
            add(Observation(CaseField, path, v.Element, v.Value));
        }
    }

    private static (string, JsonNode?)? Concept(string set, string? id) => id is null ? null : ("valueCodeableConcept", Codeable(set, id));

    private static JsonObject Observation(string system, string code, string element, JsonNode? value) => new()
    {
        ["resourceType"] = "Observation", ["status"] = "final",
        ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding(system, code)) },
        [element] = value,
    };

    /// <summary>A concept id in the project's concept system, or a code <c>PREFIX:code</c> in its standard system.</summary>
    private static JsonObject Codeable(string set, string value) =>
        value.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
            && SpineDecision.SpineDecisionEngine.CreateDefault().Vocabulary.CodeSystems.FirstOrDefault(cs => cs.Prefix == value[..colon]) is { } system
            ? new() { ["coding"] = new JsonArray(Coding(system.Uri, value[(colon + 1)..])) }
            : new() { ["coding"] = new JsonArray(Coding(SpineDecisionFhirUris.ConceptSystem(set), value)) };

    private static JsonObject Coding(string system, string code) => new() { ["system"] = system, ["code"] = code };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
