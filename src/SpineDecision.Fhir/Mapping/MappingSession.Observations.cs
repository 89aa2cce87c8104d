using Hl7.Fhir.Model;
using SpineDecision.Cases;

namespace SpineDecision.Fhir.Mapping;

internal sealed partial class MappingSession
{
    private const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    /// <summary>A numeric reading: the LOINC codes it is recorded under, its case field and how units convert.</summary>
    internal sealed record Reading(MappingRow Row, string Path, string? DatePath, string? Scale, Func<string?, decimal, double?> Convert);

    private static double? Unitless(string? unit, decimal value) => unit is null or "" or "1" or "{score}" or "{INR}" or "{ratio}" ? (double)value : null;

    private static double? Percent(string? unit, decimal value) => unit is null or "" or "%" or "{score}" or "1" ? (double)value : null;

    /// <summary>The LOINC-coded readings, by code; the mapping table's rows name the same codes (a test checks).</summary>
    internal static readonly Dictionary<string, Reading> Readings = new(StringComparer.Ordinal)
    {
        ["72514-3"] = new(MappingTable.Nrs, "pain.nrs", null, null, Unitless),
        ["97908-8"] = new(MappingTable.Disability, "pain.disabilityScore", null, "odi", Percent),
        ["97909-6"] = new(MappingTable.Disability, "pain.disabilityScore", null, "odi", Percent),
        ["82226-2"] = new(MappingTable.Disability, "pain.disabilityScore", null, "ndi", Percent),
        ["82237-9"] = new(MappingTable.Disability, "pain.disabilityScore", null, "ndi", Percent),
        ["6301-6"] = new(MappingTable.Inr, "labs.inr", "labs.inrDate", null, Unitless),
        ["34714-6"] = new(MappingTable.Inr, "labs.inr", "labs.inrDate", null, Unitless),
        ["777-3"] = new(MappingTable.Platelets, "labs.platelets", "labs.plateletsDate", null, Platelets),
        ["26515-7"] = new(MappingTable.Platelets, "labs.platelets", "labs.plateletsDate", null, Platelets),
        ["4548-4"] = new(MappingTable.HbA1c, "labs.hbA1c", "labs.hbA1cDate", null, HbA1c),
        ["17856-6"] = new(MappingTable.HbA1c, "labs.hbA1c", "labs.hbA1cDate", null, HbA1c),
        ["2345-7"] = new(MappingTable.Glucose, "labs.glucose", "labs.glucoseDate", null, Glucose),
        ["2339-0"] = new(MappingTable.Glucose, "labs.glucose", "labs.glucoseDate", null, Glucose),
        ["2160-0"] = new(MappingTable.Creatinine, "labs.creatinine", "labs.creatinineDate", null, Creatinine),
        ["38483-4"] = new(MappingTable.Creatinine, "labs.creatinine", "labs.creatinineDate", null, Creatinine),
    };

    private static double? Platelets(string? unit, decimal value) => unit switch
    {
        "10*3/uL" or "10*9/L" or "10^9/L" or "10*3/mm3" => (double)value,
        "/uL" or "{cells}/uL" or "/mm3" => (double)value / 1000,
        _ => null,
    };

    private static double? HbA1c(string? unit, decimal value) => unit switch
    {
        "%" => (double)value,
        "mmol/mol" => Math.Round(0.09148 * (double)value + 2.152, 1),
        _ => null,
    };

    private static double? Glucose(string? unit, decimal value) => unit switch
    {
        "mg/dL" => (double)value,
        "mmol/L" => Math.Round((double)value * 18.016, 0),
        _ => null,
    };

    private static double? Creatinine(string? unit, decimal value) => unit switch
    {
        "mg/dL" => (double)value,
        "umol/L" => Math.Round((double)value / 88.42, 2),
        _ => null,
    };

    private void MapObservation(string source, Observation observation)
    {
        if (FhirValues.Present(observation, "partOf") is not null && IsProcedurePart(observation))
        {
            return; // read with the procedure it is part of
        }

        if (IsReportResult(observation))
        {
            return; // read with the report that lists it as a result
        }

        if (!Current(source, "Observation", FhirValues.Literal(observation.StatusElement)))
        {
            return;
        }

        var date = FhirValues.Date(observation.Effective) ?? (observation.Issued is { } issued ? DateOnly.FromDateTime(issued.DateTime) : null);
        if (AfterAssessment(source, date))
        {
            return;
        }

        if (observation.DataAbsentReason is { } absent)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"no value: dataAbsentReason {FhirValues.FirstCode(absent) ?? FhirValues.Text(absent)}");
            return;
        }

        foreach (var coding in observation.Code?.Coding ?? [])
        {
            if (coding.System == MappingTable.Loinc && coding.Code is { } loinc)
            {
                if (Readings.TryGetValue(loinc, out var reading))
                {
                    MapReading(source, reading, observation.Value, date);
                    if (loinc == "72514-3" && observation.BodySite is { } painSite)
                    {
                        AddPainSites(source, [painSite], date);
                    }

                    return;
                }

                if (loinc == PainPrimaryLocation)
                {
                    AddPainSites(source, new[] { observation.Value as CodeableConcept, observation.BodySite }.OfType<CodeableConcept>().ToList(), date);
                    return;
                }

                if (loinc == "82810-3")
                {
                    MapPregnancy(source, observation.Value as CodeableConcept, date);
                    return;
                }
            }

            if (coding.System == SpineDecisionFhirUris.CaseFieldSystem && coding.Code is { } path)
            {
                MapCaseField(source, path, observation.Value, date);
                return;
            }

            if (SpineDecisionFhirUris.IsConceptSystem(coding.System, "exam-test") && coding.Code is { } test)
            {
                MapExamFinding(source, test, observation);
                return;
            }
        }

        Ignore(source, FhirIgnoreReason.Unused, $"Observation code {Codes(observation.Code)} is not one the mapping reads");
    }

    private static string Codes(CodeableConcept? code) =>
        code is null || code.Coding.Count == 0 ? FhirValues.Text(code) ?? "(none)" : string.Join(", ", code.Coding.Select(c => $"{c.System}|{c.Code}"));

    private void MapReading(string source, Reading reading, DataType? value, DateOnly? date)
    {
        if (FhirValues.Number(value) is not { } number)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"{reading.Path}: no numeric value");
            return;
        }

        if (reading.Convert(number.Unit, number.Value) is not { } converted)
        {
            Ignore(source, FhirIgnoreReason.WrongUnit, $"{reading.Path}: unit '{number.Unit}' cannot be converted to {CaseUnit(reading.Path)}");
            return;
        }

        if (Set(reading.Row, reading.Path, converted, date, source))
        {
            if (reading.DatePath is not null && date is { } d)
            {
                Set(reading.Row, reading.DatePath, d, date, source);
            }

            if (reading.Scale is not null)
            {
                _scalars["pain.disabilityScale"] = new Scalar(reading.Scale, date, source, reading.Row);
            }
        }
    }

    private static string CaseUnit(string path) => path switch
    {
        "labs.platelets" => "10^9/L",
        "labs.hbA1c" => "% (NGSP)",
        "labs.glucose" or "labs.creatinine" => "mg/dL",
        _ => "a unitless score",
    };

    private void MapPregnancy(string source, CodeableConcept? value, DateOnly? date)
    {
        bool? pregnant = FhirValues.Has(value, MappingTable.Snomed, "77386006") ? true : FhirValues.Has(value, MappingTable.Snomed, "60001007") ? false : null;
        if (pregnant is null)
        {
            Ignore(source, FhirIgnoreReason.Unused, $"pregnancy status {Codes(value)} does not say pregnant or not pregnant");
            return;
        }

        Set(MappingTable.Pregnancy, "patient.pregnant", pregnant.Value, date, source);
    }

    private void MapCaseField(string source, string path, DataType? value, DateOnly? date)
    {
        if (CaseModelIndex.Find(path) is not { IsList: false } field)
        {
            Ignore(source, FhirIgnoreReason.Unused, $"'{path}' is not a scalar case field");
            return;
        }

        object? converted = field.ValueType switch
        {
            var t when t == typeof(string) && field.ConceptSet is { } set => value is CodeableConcept cc ? _vocabulary.Choose(cc, set)?.Value : null,
            var t when t == typeof(string) => (value as FhirString)?.Value,
            var t when t == typeof(bool) => (value as FhirBoolean)?.Value,
            var t when t == typeof(double) => FhirValues.Number(value) is { } n ? (double)n.Value : null,
            var t when t == typeof(int) => FhirValues.Number(value) is { } n && n.Value == decimal.Truncate(n.Value) ? (int)n.Value : null,
            var t when t == typeof(DateOnly) => FhirValues.Date(value),
            _ => null,
        };
        if (converted is null)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"{path}: value {value?.TypeName ?? "(none)"} does not fit a {field.ValueType.Name}{(field.ConceptSet is null ? "" : $" of set {field.ConceptSet}")}");
            return;
        }

        if (converted is int whole && !field.InRange(whole))
        {
            Ignore(source, FhirIgnoreReason.InvalidValue, $"{path} = {whole} is outside its range");
            return;
        }

        Set(MappingTable.CaseField, path, converted, date, source);
    }

    private void MapExamFinding(string source, string test, Observation observation)
    {
        if (_vocabulary.Resolve("exam-test", test) is null)
        {
            Ignore(source, FhirIgnoreReason.Unused, $"'{test}' is not an exam-test concept");
            return;
        }

        var result = _vocabulary.Choose(observation.Value as CodeableConcept, "exam-result")?.Concept;
        var side = _vocabulary.Choose(observation.BodySite, "side")?.Concept;
        Add(MappingTable.ExamFinding, "exam.findings", new ExamFinding { Test = test, Result = result, Side = side }, source, test + (result is null ? "" : $" {result}"));
    }

    private void MapQuestionnaireResponse(string source, QuestionnaireResponse response)
    {
        if (!Current(source, "QuestionnaireResponse", FhirValues.Literal(response.StatusElement)))
        {
            return;
        }

        var date = FhirValues.Date(response.Authored);
        if (AfterAssessment(source, date))
        {
            return;
        }

        var answers = Answers(response.Item).ToList();
        foreach (var answer in answers)
        {
            if (answer.Value is Coding { System: MappingTable.Loinc, Code: { } code } coding && Readings.TryGetValue(code, out var reading) && reading.Scale is not null
                && coding.GetExtension(ItemWeight)?.Value is FhirDecimal { Value: { } weight })
            {
                MapReading(source, reading with { Row = MappingTable.DisabilityQuestionnaire }, new FhirDecimal(weight), date);
                return;
            }
        }

        var section = response.Id is { } id ? _sectionCodes.GetValueOrDefault($"QuestionnaireResponse/{id}") : null;
        if (section == "72514-3")
        {
            var numeric = answers.Select(a => FhirValues.Number(a.Value)).Where(n => n is not null).ToList();
            if (numeric.Count == 1)
            {
                MapReading(source, Readings["72514-3"] with { Row = MappingTable.NrsQuestionnaire }, new FhirDecimal(numeric[0]!.Value.Value), date);
                return;
            }
        }

        Ignore(source, FhirIgnoreReason.Unused, $"no score the mapping reads (questionnaire {response.Questionnaire ?? "(none)"})");
    }

    private static IEnumerable<QuestionnaireResponse.AnswerComponent> Answers(IEnumerable<QuestionnaireResponse.ItemComponent> items)
    {
        foreach (var item in items)
        {
            foreach (var answer in item.Answer)
            {
                yield return answer;
                foreach (var nested in Answers(answer.Item))
                {
                    yield return nested;
                }
            }

            foreach (var nested in Answers(item.Item))
            {
                yield return nested;
            }
        }
    }
}
