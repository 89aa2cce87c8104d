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
            Add(Observation("http://loinc.org", "82810-3", "valueCodeableConcept", new JsonObject { ["coding"] = new JsonArray(Coding("http://snomed.info/sct", pregnant ? "77386006" : "60001007")) }));
        }

        if (c.Pain.Nrs is { } nrs)
        {
            Add(Observation("http://loinc.org", "72514-3", "valueDecimal", JsonValue.Create(nrs)));
        }

        if (c.Pain.DisabilityScore is { } score && c.Pain.DisabilityScale is "odi" or "ndi")
        {
            Add(Observation("http://loinc.org", c.Pain.DisabilityScale == "ndi" ? "82237-9" : "97909-6", "valueQuantity",
                new JsonObject { ["value"] = score, ["system"] = "http://unitsofmeasure.org", ["code"] = "%" }));
        }

        foreach (var field in SpineDecision.Fhir.Mapping.CaseModelIndex.All.Where(f => !f.IsList && !StandardFields.Contains(f.Path)))
        {
            if (field.Path is "pain.disabilityScale" or "pain.disabilityScore" && c.Pain.DisabilityScale is "odi" or "ndi")
            {
                continue;
            }

            Field(Add, field.Path, Value(field, ValueAt(c, field.Path)));
        }

        foreach (var (lab, loinc, unit) in new (string, string, string)[] { ("inr", "6301-6", "{INR}"), ("platelets", "777-3", "10*9/L"), ("hbA1c", "4548-4", "%"), ("glucose", "2345-7", "mg/dL"), ("creatinine", "2160-0", "mg/dL") })
        {
            if (ValueAt(c, $"labs.{lab}") is double value)
            {
                var observation = Observation("http://loinc.org", loinc, "valueQuantity", new JsonObject { ["value"] = value, ["system"] = "http://unitsofmeasure.org", ["code"] = unit });
                observation["effectiveDateTime"] = ValueAt(c, $"labs.{lab}Date") is DateOnly labDate ? Iso(labDate) : null;
                Add(observation);
            }
        }

        if (c.Patient.Hospitalised == true)
        {
            Add(new JsonObject
            {
                ["resourceType"] = "Encounter", ["status"] = "in-progress", ["class"] = Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
                ["period"] = new JsonObject { ["start"] = Iso(date.AddDays(-3)) },
            });
        }

        foreach (var location in c.Pain.Locations ?? [])
        {
            var observation = Observation("http://loinc.org", "38204-4", "valueCodeableConcept", Codeable("pain-location", location.Site!));
            observation["bodySite"] = location.Side is { } side ? Codeable("side", side) : null;
            Add(observation);
        }

        foreach (var finding in c.Exam.Findings ?? [])
        {
            var observation = Observation(SpineDecisionFhirUris.ConceptSystem("exam-test"), finding.Test!, "valueCodeableConcept", finding.Result is { } result ? Codeable("exam-result", result) : null);
            observation["bodySite"] = finding.Side is { } side ? Codeable("side", side) : null;
            Add(observation);
        }

        if (c.Referral.RequestedProcedure is { } requested)
        {
            var sites = Sites(c.Referral.Side, c.Referral.Levels);
            Add(new JsonObject
            {
                ["resourceType"] = "ServiceRequest", ["status"] = "draft", ["intent"] = "proposal", ["subject"] = new JsonObject { ["reference"] = "Patient/r1" },
                ["code"] = Codeable("procedure", requested), ["bodySite"] = sites,
            });
        }

        foreach (var device in c.Devices ?? [])
        {
            Add(new JsonObject
            {
                ["resourceType"] = "Device", ["status"] = device.Status == "working" ? "active" : "inactive",
                ["statusReason"] = new JsonArray([.. new[] { Codeable("device-status", device.Status!), device.Reason is { } reason ? Codeable("device-event-reason", reason) : null }.OfType<JsonObject>()]),
                ["type"] = Codeable("device-kind", device.Kind!),
            });
        }

        foreach (var diagnosis in c.Diagnoses ?? [])
        {
            Add(new JsonObject
            {
                ["resourceType"] = "Condition", ["code"] = Codeable("diagnosis", diagnosis.Code!),
                ["clinicalStatus"] = diagnosis.Status == "historical" ? Codeable("x", "http://terminology.hl7.org/CodeSystem/condition-clinical|resolved") : null,
                ["verificationStatus"] = diagnosis.Status switch
                {
                    "suspected" => Codeable("x", "http://terminology.hl7.org/CodeSystem/condition-ver-status|provisional"),
                    "confirmed" => Codeable("x", "http://terminology.hl7.org/CodeSystem/condition-ver-status|confirmed"),
                    "ruled-out" => Codeable("x", "http://terminology.hl7.org/CodeSystem/condition-ver-status|refuted"),
                    _ => null,
                },
                ["bodySite"] = Sites(diagnosis.Side, diagnosis.Levels),
                ["onsetDateTime"] = diagnosis.OnsetDate is { } onset ? Iso(onset) : null,
            });
        }

        foreach (var flag in c.RedFlags ?? [])
        {
            Add(new JsonObject
            {
                ["resourceType"] = "Condition", ["code"] = Codeable("red-flag", flag.Flag!),
                ["extension"] = flag.Explained is { } explained
                    ? new JsonArray(new JsonObject { ["url"] = SpineDecisionFhirUris.RedFlagExplainedExtension, ["valueBoolean"] = explained })
                    : null,
            });
        }

        foreach (var study in c.Imaging ?? [])
        {
            var studyId = $"r{n + 1}";
            Add(new JsonObject
            {
                ["resourceType"] = "ImagingStudy", ["status"] = "available", ["subject"] = new JsonObject { ["reference"] = "Patient/r1" },
                ["started"] = study.Date is { } d ? Iso(d) : null,
                ["modality"] = new JsonArray(Coding("http://dicom.nema.org/resources/ontology/DCM", study.Modality switch { "xray" => "DX", "ct" => "CT", _ => "MR" })),
                ["series"] = study.BodySite is { } site && SpineStructures.TryGetValue(site, out var structure)
                    ? new JsonArray(new JsonObject { ["uid"] = "1.2.3", ["modality"] = Coding("http://dicom.nema.org/resources/ontology/DCM", "MR"), ["bodySite"] = Coding("http://snomed.info/sct", structure) })
                    : null,
            });
            var results = new JsonArray();
            foreach (var finding in study.Findings ?? [])
            {
                results.Add(new JsonObject { ["reference"] = $"Observation/r{n + 1}" });
                Add(FindingObservation(finding));
            }

            Add(new JsonObject
            {
                ["resourceType"] = "DiagnosticReport", ["status"] = "final", ["code"] = new JsonObject { ["text"] = "imaging report" },
                ["imagingStudy"] = new JsonArray(new JsonObject { ["reference"] = $"ImagingStudy/{studyId}" }),
                ["result"] = results.Count > 0 ? results : null,
            });
        }

        foreach (var therapy in c.ConservativeCare ?? [])
        {
            var procedure = new JsonObject { ["resourceType"] = "Procedure", ["status"] = "completed", ["code"] = Codeable("therapy-modality", therapy.Modality!) };
            if (therapy.StartDate is { } start)
            {
                procedure["performedPeriod"] = new JsonObject { ["start"] = Iso(start), ["end"] = therapy.EndDate is { } end ? Iso(end) : null };
            }
            else if (therapy.Weeks is { } w)
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
            var procedureId = $"r{n + 1}";
            var sites = Sites(prior.Side, prior.Levels) ?? [];
            if (prior.Region is { } region)
            {
                sites.Add(Codeable("region", region));
            }

            var procedure = new JsonObject
            {
                ["resourceType"] = "Procedure", ["status"] = "completed", ["code"] = Codeable("procedure", prior.Procedure!),
                ["performedDateTime"] = prior.Date is { } d ? Iso(d) : null,
                ["bodySite"] = sites.Count > 0 ? sites : null,
            };
            var extensions = new JsonArray();
            if (prior.ReliefPercent is { } r)
            {
                extensions.Add(new JsonObject { ["url"] = SpineDecisionFhirUris.ReliefPercentExtension, ["valueDecimal"] = r });
            }

            if (prior.ReliefDuration is { } duration)
            {
                var ucum = prior.ReliefDurationUnit switch { "hours" => "h", "days" => "d", "weeks" => "wk", _ => "mo" };
                extensions.Add(new JsonObject { ["url"] = SpineDecisionFhirUris.ReliefDurationExtension, ["valueQuantity"] = new JsonObject { ["value"] = duration, ["system"] = "http://unitsofmeasure.org", ["code"] = ucum } });
            }

            procedure["extension"] = extensions.Count > 0 ? extensions : null;
            Add(procedure);
            foreach (var (painScore, timing) in new[] { (prior.PainBefore, "before"), (prior.PainAfter, "after") })
            {
                if (painScore is { } value)
                {
                    var observation = Observation("http://loinc.org", "72514-3", "valueDecimal", JsonValue.Create(value));
                    observation["partOf"] = new JsonArray(new JsonObject { ["reference"] = $"Procedure/{procedureId}" });
                    observation["effectiveDateTime"] = prior.Date is { } day ? Iso(day) : null;
                    observation["extension"] = new JsonArray(new JsonObject { ["url"] = SpineDecisionFhirUris.ProcedurePainTimingExtension, ["valueCode"] = timing });
                    Add(observation);
                }
            }
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
                ["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(Codeable("medication-class", medication.Class!)["coding"]!.AsArray()[0]!.DeepClone()), ["text"] = medication.Name },
                ["extension"] = medication.MmePerDay is { } mme ? new JsonArray(new JsonObject { ["url"] = SpineDecisionFhirUris.MmePerDayExtension, ["valueDecimal"] = mme }) : null,
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

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = entries };
        Prune(bundle);
        return bundle.ToJsonString();
    }

    /// <summary>A finding as a radiology result Observation: level and side in bodySite, details in components.</summary>
    private static JsonObject FindingObservation(ImagingFinding finding)
    {
        var observation = Observation(SpineDecisionFhirUris.ConceptSystem("imaging-finding"), finding.Finding!, "valueCodeableConcept",
            new JsonObject { ["coding"] = new JsonArray(Coding("http://snomed.info/sct", "52101004")) });
        var site = new JsonObject { ["text"] = finding.Level };
        if (finding.Side is { } side)
        {
            site["coding"] = Codeable("side", side)["coding"]!.DeepClone();
        }

        observation["bodySite"] = finding.Level is null && finding.Side is null ? null : site;
        var components = new JsonArray();
        if (finding.Acute is { } acute)
        {
            components.Add(new JsonObject
            {
                ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding("http://snomed.info/sct", "263502005")) },
                ["valueCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(Coding("http://snomed.info/sct", acute ? "424124008" : "90734009")) },
            });
        }

        foreach (var (name, value) in new (string, bool?)[] { ("marrowOedema", finding.MarrowOedema), ("boneScanUptake", finding.BoneScanUptake) })
        {
            if (value is { } b)
            {
                components.Add(new JsonObject { ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding(CaseField, "imaging.findings." + name)) }, ["valueBoolean"] = b });
            }
        }

        if (finding.HeightLossPercent is { } heightLoss)
        {
            components.Add(new JsonObject
            {
                ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding(CaseField, "imaging.findings.heightLossPercent")) },
                ["valueQuantity"] = new JsonObject { ["value"] = heightLoss, ["system"] = "http://unitsofmeasure.org", ["code"] = "%" },
            });
        }

        observation["component"] = components.Count > 0 ? components : null;
        return observation;
    }

    /// <summary>Scalars written in standard codes (or resources of their own) above; every other scalar is a case-field Observation.</summary>
    private static readonly HashSet<string> StandardFields = new(StringComparer.Ordinal)
    {
        "patient.age", "patient.sex", "patient.pregnant", "patient.hospitalised", "pain.nrs", "referral.requestedProcedure", "referral.side",
        "labs.inr", "labs.inrDate", "labs.platelets", "labs.plateletsDate", "labs.hbA1c", "labs.hbA1cDate", "labs.glucose", "labs.glucoseDate",
        "labs.creatinine", "labs.creatinineDate",
    };

    private static readonly Dictionary<string, string> SpineStructures = new(StringComparer.Ordinal)
    {
        ["cervical"] = "122494005", ["thoracic"] = "122495006", ["lumbar"] = "122496007",
    };

    /// <summary>Drops null members: FHIR JSON has no nulls.</summary>
    private static void Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, child) in o)
                {
                    Prune(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Prune(child);
                }

                break;
        }
    }

    private static object? ValueAt(PatientCase c, string path)
    {
        object? current = c;
        foreach (var name in path.Split('.'))
        {
            current = current?.GetType().GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.GetValue(current);
        }

        return current;
    }

    private static (string, JsonNode?)? Value(SpineDecision.Fhir.Mapping.CaseField field, object? value) => value switch
    {
        null => null,
        string s when field.ConceptSet is { } set => ("valueCodeableConcept", Codeable(set, s)),
        string s => ("valueString", JsonValue.Create(s)),
        bool b => ("valueBoolean", JsonValue.Create(b)),
        int i => ("valueInteger", JsonValue.Create(i)),
        double d => ("valueDecimal", JsonValue.Create(d)),
        DateOnly day => ("valueDateTime", JsonValue.Create(Iso(day))),
        _ => null,
    };

    /// <summary>Body sites: a side code and the levels as charted text.</summary>
    private static JsonArray? Sites(string? side, IReadOnlyList<string>? levels)
    {
        var sites = new JsonArray();
        if (side is not null)
        {
            sites.Add(Codeable("side", side));
        }

        if (levels is { Count: > 0 })
        {
            sites.Add(new JsonObject { ["text"] = string.Join(", ", levels) });
        }

        return sites.Count > 0 ? sites : null;
    }

    private static void Field(Action<JsonObject> add, string path, (string Element, JsonNode? Value)? value)
    {
        if (value is { } v)
        {
            add(Observation(CaseField, path, v.Element, v.Value));
        }
    }


    private static JsonObject Observation(string system, string code, string element, JsonNode? value) => new()
    {
        ["resourceType"] = "Observation", ["status"] = "final",
        ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding(system, code)) },
        [element] = value,
    };

    /// <summary>A concept id in the project's concept system, or a code <c>PREFIX:code</c> in its standard system.</summary>
    private static JsonObject Codeable(string set, string value) =>
        set == "x" ? new() { ["coding"] = new JsonArray(Coding(value[..value.IndexOf('|', StringComparison.Ordinal)], value[(value.IndexOf('|', StringComparison.Ordinal) + 1)..])) } :
        value.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
            && SpineDecision.SpineDecisionEngine.CreateDefault().Vocabulary.CodeSystems.FirstOrDefault(cs => cs.Prefix == value[..colon]) is { } system
            ? new() { ["coding"] = new JsonArray(Coding(system.Uri, value[(colon + 1)..])) }
            : new() { ["coding"] = new JsonArray(Coding(SpineDecisionFhirUris.ConceptSystem(set), value)) };

    private static JsonObject Coding(string system, string code) => new() { ["system"] = system, ["code"] = code };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
