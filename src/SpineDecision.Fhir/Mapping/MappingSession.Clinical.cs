using System.Collections.Frozen;
using System.Globalization;
using Hl7.Fhir.Model;
using SpineDecision.Cases;
using CaseMedication = SpineDecision.Cases.Medication;
using Medication = Hl7.Fhir.Model.Medication;

namespace SpineDecision.Fhir.Mapping;

internal sealed partial class MappingSession
{
    private const string NoKnownAllergy = "716186003";

    /// <summary>SNOMED CT body structures of the spine, for bodySite.</summary>
    private static readonly Dictionary<string, string> SpineStructures = new(StringComparer.Ordinal)
    {
        ["122494005"] = "cervical", ["122495006"] = "thoracic", ["122496007"] = "lumbar",
    };

    /// <summary>The statuses under which each resource type is read, and the name reports give it; any other status
    /// is reported not current. JSON input reads statuses before parsing (<see cref="ScreenStatus"/>).</summary>
    internal static readonly FrozenDictionary<string, (string Kind, string[] Current)> CurrentStatuses = new Dictionary<string, (string, string[])>
    {
        ["Procedure"] = ("Procedure", ["completed"]),
        ["MedicationRequest"] = ("medication", ["active", "on-hold"]),
        ["MedicationStatement"] = ("medication", ["active", "intended"]),
        ["ServiceRequest"] = ("ServiceRequest", ["active", "draft", "on-hold"]),
        ["ImagingStudy"] = ("ImagingStudy", ["available", "registered", "unknown"]),
        ["DiagnosticReport"] = ("DiagnosticReport", ["final", "amended", "corrected", "appended"]),
        ["Observation"] = ("Observation", ["final", "amended", "corrected"]),
        ["QuestionnaireResponse"] = ("QuestionnaireResponse", ["completed", "amended"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether a resource with this status is read; reports it when not. Called before parsing by JSON input
    /// (a DiagnosticReport is exempt there: its findings are read with its study whatever its status but in error).</summary>
    /// A Procedure in progress is parsed too: a radiotherapy course in progress is a cancer treatment
    /// (<see cref="IndexTreatment"/>); it is reported not current when mapped.
    public bool ScreenStatus(string source, string type, string? status) =>
        type == "DiagnosticReport" || (type == "Procedure" && status == "in-progress") || !CurrentStatuses.ContainsKey(type) || Current(source, type, status);

    private bool Current(string source, string type, string? status)
    {
        var (resourceKind, current) = CurrentStatuses[type];
        if (status == "entered-in-error")
        {
            Ignore(source, FhirIgnoreReason.EnteredInError, $"{resourceKind} entered in error");
            return false;
        }

        if (status is not null && !current.Contains(status))
        {
            Ignore(source, FhirIgnoreReason.NotCurrent, $"{resourceKind} status {status}");
            return false;
        }

        return true;
    }

    private void MapPatient(string source, Patient patient)
    {
        if (_patientSeen)
        {
            Ignore(source, FhirIgnoreReason.Superseded, "a second Patient: the first one is mapped");
            return;
        }

        _patientSeen = true;
        if (FhirValues.Date(patient.BirthDate) is { } birth)
        {
            if (!AfterAssessment(source + " birthDate", birth))
            {
                var age = _assessmentDate.Year - birth.Year - (_assessmentDate < birth.AddYears(_assessmentDate.Year - birth.Year) ? 1 : 0);
                Set(MappingTable.Age, "patient.age", age, null, source + " birthDate");
            }
        }

        var sex = FhirValues.Literal(patient.GenderElement) switch
        {
            "female" => "female",
            "male" => "male",
            "other" => "other",
            _ => null,
        };
        if (sex is not null)
        {
            Set(MappingTable.Sex, "patient.sex", sex, null, source + " gender");
        }

        if (FhirValues.Date(patient.Deceased) is { } died && died <= _assessmentDate)
        {
            Ignore(source + " deceased", FhirIgnoreReason.NotCurrent, $"the patient died on {died:yyyy-MM-dd}, before the assessment date; mapped as recorded");
        }
    }

    private void MapCondition(string source, Condition condition)
    {
        var verification = FhirValues.FirstCode(condition.VerificationStatus);
        var clinical = FhirValues.FirstCode(condition.ClinicalStatus);
        if (verification == "entered-in-error")
        {
            Ignore(source, FhirIgnoreReason.EnteredInError, "Condition verificationStatus entered-in-error");
            return;
        }

        if (verification == "refuted")
        {
            Ignore(source, FhirIgnoreReason.Refuted, "Condition verificationStatus refuted");
            return;
        }

        var onset = FhirValues.Date(condition.Onset) ?? FhirValues.Date(condition.RecordedDate);
        if (AfterAssessment(source, onset))
        {
            return;
        }

        var abated = FhirValues.Date(condition.Abatement) is { } end && end <= _assessmentDate;
        var historical = clinical is "resolved" or "inactive" or "remission" || abated;
        var status = historical ? "historical"
            : verification is "provisional" or "differential" or "unconfirmed" ? "suspected"
            : verification == "confirmed" ? "confirmed"
            : null;
        var side = SideOf(condition.BodySite);
        AddDiagnosis(MappingTable.Diagnoses, source, condition.Code, status, side, onset, Levels(condition.BodySite), condition);

        if (historical)
        {
            return;
        }

        if (condition.BodySite.Count > 0 && IsSpinePainCondition(condition.Code))
        {
            AddPainSites(source, condition.BodySite, onset);
        }

        if (_vocabulary.Choose(condition.Code, "red-flag") is { Concept: { } flag })
        {
            var explained = FhirValues.Extension(condition, SpineDecisionFhirUris.RedFlagExplainedExtension)?.Value is FhirBoolean { Value: { } e } ? e : (bool?)null;
            Add(MappingTable.RedFlags, "redFlags", new RedFlagFinding { Flag = flag, Explained = explained }, source, flag + (explained == true ? " (explained)" : ""));
        }

        if (_vocabulary.Choose(condition.Code, "comorbidity") is { Concept: { } comorbidity })
        {
            Add(MappingTable.Comorbidities, "comorbidities", new Comorbidity { Condition = comorbidity }, source, comorbidity);
        }
    }

    private void AddDiagnosis(MappingRow row, string source, CodeableConcept? code, string? status, string? side, DateOnly? onset, List<string>? levels = null,
        Condition? condition = null)
    {
        var chosen = _vocabulary.Choose(code, "diagnosis");
        var text = FhirValues.Text(code);
        if (chosen is null && text is null)
        {
            Ignore(source, FhirIgnoreReason.Unused, "no code of a declared system and no text");
            return;
        }

        ReportUnusedSystems(source, code, chosen);
        var course = condition is null ? default : Course(source, condition);
        var diagnosis = new Diagnosis
        {
            Code = chosen?.Value,
            Status = status,
            Side = side,
            Levels = levels,
            OnsetDate = onset,
            Staged = course.Staged,
            OnTreatment = course.OnTreatment,
            Text = chosen?.Concept is null ? text : null,
        };
        Add(row, "diagnoses", diagnosis, source, Shown(chosen, text) + (status is null ? "" : $" ({status})") + (levels is null ? "" : $" at {string.Join(", ", levels)}"));
        if (levels is not null)
        {
            _rowsUsed.Add(MappingTable.DiagnosisLevels.Id);
        }
    }

    private static string Shown((string Value, string? Concept)? chosen, string? text) =>
        chosen is { } c ? (c.Concept is { } concept && concept != c.Value ? $"{c.Value} → {concept}" : c.Concept is null ? $"{c.Value} (no concept claims it)" : c.Value)
        : $"text \"{text}\"";

    private void ReportUnusedSystems(string source, CodeableConcept? code, (string Value, string? Concept)? chosen)
    {
        if (chosen is null && code is not null)
        {
            foreach (var coding in code.Coding)
            {
                Ignore(source, FhirIgnoreReason.Unused, $"code system {coding.System ?? "(none)"} is not declared in the vocabulary (code {coding.Code})");
            }
        }
    }

    private void MapProcedure(string source, Procedure procedure)
    {
        if (!Current(source, "Procedure", FhirValues.Literal(procedure.StatusElement)))
        {
            return;
        }

        var date = FhirValues.Date(procedure.Performed);
        if (AfterAssessment(source, date))
        {
            return;
        }

        if (_vocabulary.Choose(procedure.Code, "therapy-modality") is { Concept: { } modality })
        {
            var period = procedure.Performed as Period;
            var start = FhirValues.Date(period?.Start) ?? (procedure.Performed is FhirDateTime ? date : null);
            var outcome = _vocabulary.Choose(procedure.Outcome, "therapy-outcome")?.Concept;
            Add(MappingTable.ConservativeCare, "conservativeCare",
                new ConservativeTherapy { Modality = modality, StartDate = start, EndDate = FhirValues.Date(period?.End), Outcome = outcome },
                source, modality + (outcome is null ? "" : $" ({outcome})"));
            IgnoreParts(source, procedure, "therapy");
            return;
        }

        var relief = Extension(procedure, SpineDecisionFhirUris.ReliefPercentExtension);
        if (_vocabulary.Choose(procedure.Code, "trial-kind") is { Concept: { } kind })
        {
            var period = procedure.Performed as Period;
            double? days = FhirValues.Date(period?.Start) is { } s && FhirValues.Date(period?.End) is { } e ? e.DayNumber - s.DayNumber : null;
            var improved = procedure.Outcome is null ? (bool?)null : _vocabulary.Choose(procedure.Outcome, "therapy-outcome")?.Concept == "improved";
            Add(MappingTable.Trials, "trials",
                new TrialResult { Kind = kind, Date = date, ReliefPercent = relief, DurationDays = days, FunctionalImprovement = improved },
                source, kind + (relief is null ? "" : $" ({FhirValues.Show(relief.Value)}% relief)"));
            IgnoreParts(source, procedure, "trial");
            return;
        }

        var chosen = _vocabulary.Choose(procedure.Code, "procedure");
        if (chosen is not { } c || (c.Concept is null && !c.Value.StartsWith("CPT:", StringComparison.Ordinal) && !c.Value.StartsWith("HCPCS:", StringComparison.Ordinal)))
        {
            Ignore(source, FhirIgnoreReason.Unused, $"no procedure concept claims {chosen?.Value ?? FhirValues.Text(procedure.Code) ?? "its code"}");
            return;
        }

        MapDeviceProcedure(source, c.Concept, procedure.Code, date);
        var cpt = _vocabulary.Descriptor(c.Value);
        string? region = null, side = null;
        foreach (var site in FhirValues.Present(procedure, "bodySite") as List<CodeableConcept> ?? [])
        {
            region ??= RegionOf(site);
            side ??= _vocabulary.Choose(site, "side")?.Concept;
        }

        region ??= cpt.Region;
        var (duration, unit) = ReliefDuration(procedure);
        var (painBefore, painAfter) = ProcedurePain(source, procedure);
        Add(MappingTable.PriorProcedures, "priorProcedures",
            new PriorProcedure
            {
                Procedure = c.Value, Region = region, Date = date, Side = side, Approach = cpt.Approach, PainBefore = painBefore, PainAfter = painAfter,
                ReliefPercent = relief is { } r && r is >= 0 and <= 100 ? r : null, ReliefDuration = duration, ReliefDurationUnit = unit,
                Text = c.Concept is null ? FhirValues.Text(procedure.Code) : null,
            },
            source, Shown(chosen, null) + (region is null ? "" : $" {region}") + (relief is null ? "" : $" ({FhirValues.Show(relief.Value)}% relief)"));
    }

    private string? RegionOf(CodeableConcept site) =>
        site.Coding.Where(c => c.System == MappingTable.Snomed).Select(c => SpineStructures.GetValueOrDefault(c.Code ?? "")).FirstOrDefault(r => r is not null)
        ?? _vocabulary.Choose(site, "region")?.Concept;

    private static double? Extension(DomainResource resource, string url) =>
        FhirValues.Extension(resource, url)?.Value switch
        {
            FhirDecimal { Value: { } d } => (double)d,
            Integer { Value: { } i } => i,
            Quantity { Value: { } q } => (double)q,
            _ => null,
        };

    private static (double? Value, string? Unit) ReliefDuration(Procedure procedure)
    {
        if (FhirValues.Extension(procedure, SpineDecisionFhirUris.ReliefDurationExtension)?.Value is not Quantity { Value: { } value } quantity)
        {
            return (null, null);
        }

        var unit = (quantity.Code ?? quantity.Unit) switch
        {
            "h" => "hours",
            "d" => "days",
            "wk" => "weeks",
            "mo" => "months",
            _ => null,
        };
        return unit is null ? (null, null) : ((double)value, unit);
    }

    private void MapMedication(string source, DomainResource request, Element? statusElement, DataType? medication, string? dated)
    {
        if (!Current(source, request.TypeName, FhirValues.Literal(statusElement)) || AfterAssessment(source, FhirValues.Date(dated)))
        {
            return;
        }

        // The inline code, or the referenced Medication's code and then its ingredients' codes, in that order.
        IEnumerable<CodeableConcept> concepts = medication is CodeableConcept inline ? [inline]
            : Resolve(medication as ResourceReference) is Medication resource ? MedicationConcepts(resource) : [];
        (string Value, string? Concept)? first = null, chosen = null;
        string? name = null;
        foreach (var concept in concepts)
        {
            if (_vocabulary.Choose(concept, "medication-class") is { } choice)
            {
                first ??= choice;
                if (chosen is null && choice.Concept is not null)
                {
                    chosen = choice;
                }
            }

            name ??= FhirValues.Text(concept);
        }

        if (chosen is null)
        {
            var label = first?.Value ?? name ?? "a medication without a code";
            _unclassifiedMedications.Add($"{label} ({source})");
            if (!_options.KeepUnclassifiedMedications)
            {
                Ignore(source, FhirIgnoreReason.Unused, $"no medication class claims {label}");
                return;
            }

            chosen = first ?? default((string, string?));
        }

        var value = chosen.Value.Value;
        var mme = Mme(source, request);
        Add(MappingTable.Medications, "medications",
            new CaseMedication { Class = value, Name = name, Text = value is null ? name : null, MmePerDay = mme },
            source, (value is null ? $"text \"{name}\"" : Shown(chosen, name)) + (mme is { } m ? $" ({FhirValues.Show(m)} MME/day)" : ""));
    }

    private static IEnumerable<CodeableConcept> MedicationConcepts(Medication medication)
    {
        if (medication.Code is not null)
        {
            yield return medication.Code;
        }

        foreach (var ingredient in medication.Ingredient)
        {
            if (ingredient.Item is CodeableConcept concept)
            {
                yield return concept;
            }
        }
    }

    /// <summary>The dose in morphine milligram equivalents per day, from the project's extension; a wrong unit or a
    /// value out of range is reported and left unknown.</summary>
    private double? Mme(string source, DomainResource resource)
    {
        if (FhirValues.Extension(resource, SpineDecisionFhirUris.MmePerDayExtension)?.Value is not { } value)
        {
            return null;
        }

        if (FhirValues.Number(value) is not { } number || number.Unit is not (null or "{MME}/d" or "mg/d"))
        {
            Ignore(source, FhirIgnoreReason.WrongUnit, $"medications[].mmePerDay: {(FhirValues.Number(value) is { } n ? $"unit '{n.Unit}'" : "no number")} is not MME per day (UCUM {{MME}}/d)");
            return null;
        }

        var (min, max) = CaseModelIndex.Range(typeof(CaseMedication), nameof(CaseMedication.MmePerDay));
        if ((double)number.Value < min || (double)number.Value > max)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"medications[].mmePerDay = {FhirValues.Show((double)number.Value)} is outside {FhirValues.Show(min)}–{FhirValues.Show(max)}");
            return null;
        }

        _rowsUsed.Add(MappingTable.Mme.Id);
        return (double)number.Value;
    }

    private void MapAllergy(string source, AllergyIntolerance allergy)
    {
        var verification = FhirValues.FirstCode(allergy.VerificationStatus);
        if (verification is "entered-in-error" or "refuted")
        {
            Ignore(source, verification == "refuted" ? FhirIgnoreReason.Refuted : FhirIgnoreReason.EnteredInError, $"AllergyIntolerance verificationStatus {verification}");
            return;
        }

        if (FhirValues.FirstCode(allergy.ClinicalStatus) is "inactive" or "resolved")
        {
            Ignore(source, FhirIgnoreReason.NotCurrent, $"AllergyIntolerance clinicalStatus {FhirValues.FirstCode(allergy.ClinicalStatus)}");
            return;
        }

        if (AfterAssessment(source, FhirValues.Date(allergy.RecordedDate) ?? FhirValues.Date(allergy.Onset)))
        {
            return;
        }

        if (FhirValues.Has(allergy.Code, MappingTable.Snomed, NoKnownAllergy))
        {
            DeclareEmpty(MappingTable.NoKnownAllergies, "allergies", source);
            return;
        }

        var chosen = _vocabulary.Choose(allergy.Code, "allergen");
        var text = FhirValues.Text(allergy.Code);
        if (chosen is null && text is null)
        {
            Ignore(source, FhirIgnoreReason.Unused, "no code of a declared system and no text");
            return;
        }

        ReportUnusedSystems(source, allergy.Code, chosen);
        Add(MappingTable.Allergies, "allergies", new Allergy { Substance = chosen?.Value, Text = chosen?.Concept is null ? text : null }, source, Shown(chosen, text));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
