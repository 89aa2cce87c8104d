using SpineDecision.Cases;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>
/// Imaging findings from a radiology report's result Observations: the finding, its level and side, whether it is
/// present, and the details vertebral augmentation reads (acuity, marrow oedema, bone-scan uptake, height loss).
/// </summary>
public sealed class ImagingFindingTests
{
    private const string Snomed = "http://snomed.info/sct";
    private const string CaseField = "https://spinedecision.org/fhir/CodeSystem/case-field";

    /// <summary>A thoracic MRI and its report, whose results are the given Observations (ids fx, kyphosis…).</summary>
    public static string[] Study(params string[] results) =>
    [
        """
        { "resourceType": "ImagingStudy", "id": "mri", "status": "available", "subject": { "reference": "Patient/p1" }, "started": "2026-10-25",
          "modality": [{ "system": "http://dicom.nema.org/resources/ontology/DCM", "code": "MR" }],
          "series": [{ "uid": "1.2.3", "modality": { "system": "http://dicom.nema.org/resources/ontology/DCM", "code": "MR" }, "bodySite": { "system": "http://snomed.info/sct", "code": "122495006" } }] }
        """,
        $$"""
        { "resourceType": "DiagnosticReport", "id": "mri-report", "status": "final", "code": { "text": "MRI thoracic spine" }, "effectiveDateTime": "2026-10-25",
          "imagingStudy": [{ "reference": "ImagingStudy/mri" }],
          "result": [{{string.Join(", ", results.Select((_, i) => $$"""{ "reference": "Observation/result-{{i}}" }"""))}}] }
        """,
        .. results.Select((r, i) => r.Replace("{id}", $"result-{i}", StringComparison.Ordinal)),
    ];

    /// <summary>A result Observation of a finding of the project's imaging-finding system.</summary>
    public static string Finding(string finding = "vertebral-compression-fracture", string? value = Present, string? site = """{ "text": "T12" }""",
        string status = "final", params string[] components) =>
        $$"""
        { "resourceType": "Observation", "id": "{id}", "status": "{{status}}", "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "imaging" }] }],
          "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/imaging-finding", "code": "{{finding}}" }] },
          {{(site is null ? "" : $"\"bodySite\": {site},")}}
          {{(value is null ? "" : value + ",")}}
          {{(components.Length == 0 ? "" : $"\"component\": [{string.Join(", ", components)}],")}} "effectiveDateTime": "2026-10-25" }
        """;

    public const string Present = """ "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "52101004", "display": "Present" }] } """;

    public const string Absent = """ "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "2667000", "display": "Absent" }] } """;

    public static string Course(string code) =>
        $$"""{ "code": { "coding": [{ "system": "{{Snomed}}", "code": "263502005", "display": "Clinical course" }] }, "valueCodeableConcept": { "coding": [{ "system": "{{Snomed}}", "code": "{{code}}" }] } }""";

    public static string Detail(string name, string value) =>
        $$"""{ "code": { "coding": [{ "system": "{{CaseField}}", "code": "imaging.findings.{{name}}" }] }, {{value}} }""";

    public static string HeightLoss(double value, string unit = "%") =>
        Detail("heightLossPercent", $$""" "valueQuantity": { "value": {{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "system": "http://unitsofmeasure.org", "code": "{{unit}}" } """);

    /// <summary>The acute T12 fracture of VA-S-001 as a radiology system records it.</summary>
    public static string AcuteFracture(double heightLoss = 20) =>
        Finding(components: [Course("424124008"), Detail("marrowOedema", "\"valueBoolean\": true"), HeightLoss(heightLoss)]);

    private static ImagingFinding OnlyFinding(string json) => Map(json).Case.Imaging!.Single().Findings!.Single();

    [Test]
    public void Map_ResultWithLevelAndDetails_GivesTheFindingWithThem()
    {
        var finding = OnlyFinding(Bundle(Study(AcuteFracture(heightLoss: 30))));

        finding.Should().BeEquivalentTo(new ImagingFinding
        {
            Finding = "vertebral-compression-fracture", Level = "T12", Acute = true, MarrowOedema = true, HeightLossPercent = 30,
        });
    }

    [Test]
    public void Map_ResultWithASideCode_GivesTheFindingsSide()
    {
        var site = $$"""{ "coding": [{ "system": "{{Snomed}}", "code": "7771000", "display": "Left" }], "text": "L4-5" }""";

        var finding = OnlyFinding(Bundle(Study(Finding("disc-herniation", site: site))));

        finding.Level.Should().Be("L4-L5");
        finding.Side.Should().Be("left");
    }

    [TestCase("424124008", true)]
    [TestCase("19939008", true)]
    [TestCase("90734009", false)]
    public void Map_ClinicalCourse_GivesAcuity(string course, bool acute)
    {
        var finding = OnlyFinding(Bundle(Study(Finding(components: [Course(course)]))));

        finding.Acute.Should().Be(acute);
    }

    [Test]
    public void Map_ClinicalCourseNotACourseCode_LeavesAcuityUnknownAndSaysSo()
    {
        var result = Map(Bundle(Study(Finding(components: [Course("52101004")]))));

        result.Case.Imaging!.Single().Findings!.Single().Acute.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Reason == FhirIgnoreReason.InvalidValue && i.Detail.Contains("acuity left unknown", StringComparison.Ordinal));
    }

    [Test]
    public void Map_NoComponents_LeavesEveryDetailUnknown()
    {
        var finding = OnlyFinding(Bundle(Study(Finding())));

        finding.Should().BeEquivalentTo(new ImagingFinding { Finding = "vertebral-compression-fracture", Level = "T12" });
    }

    [TestCase("\"valueBoolean\": true", true)]
    [TestCase("\"valueBoolean\": false", false)]
    [TestCase(Present, true)]
    [TestCase(Absent, false)]
    public void Map_BoneScanUptakeComponent_IsReadAsYesOrNo(string value, bool expected)
    {
        var finding = OnlyFinding(Bundle(Study(Finding(components: [Detail("boneScanUptake", value)]))));

        finding.BoneScanUptake.Should().Be(expected);
    }

    [Test]
    public void Map_MarrowOedemaAsText_IsReportedAndLeftUnknown()
    {
        var result = Map(Bundle(Study(Finding(components: [Detail("marrowOedema", "\"valueString\": \"yes\"")]))));

        result.Case.Imaging!.Single().Findings!.Single().MarrowOedema.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Reason == FhirIgnoreReason.InvalidValue && i.Detail.StartsWith("imaging.findings.marrowOedema", StringComparison.Ordinal));
    }

    [Test]
    public void Map_FindingReportedAbsent_IsLeftOutAndTheReportStillItemised()
    {
        var result = Map(Bundle(Study(Finding(value: Absent))));

        result.Case.Imaging!.Single().Findings.Should().BeEmpty();
        result.Report.Ignored.Should().Contain(i => i.Reason == FhirIgnoreReason.Refuted && i.Detail.Contains("reported absent", StringComparison.Ordinal));
    }

    [Test]
    public void Map_FindingValueFalse_IsLeftOut()
    {
        var result = Map(Bundle(Study(Finding(value: "\"valueBoolean\": false"))));

        result.Case.Imaging!.Single().Findings.Should().BeEmpty();
    }

    [Test]
    public void Map_FindingOfIndeterminatePresence_IsLeftOutAndNotReadAsAbsent()
    {
        var indeterminate = """ "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "82334004", "display": "Indeterminate" }] } """;

        var result = Map(Bundle(Study(Finding(value: indeterminate))));

        result.Case.Imaging!.Single().Findings.Should().BeEmpty();
        result.Report.Ignored.Should().Contain(i => i.Reason == FhirIgnoreReason.InvalidValue && i.Detail.Contains("not read as absent", StringComparison.Ordinal));
    }

    [Test]
    public void Map_FindingWithoutValue_IsPresent()
    {
        var finding = OnlyFinding(Bundle(Study(Finding(value: null))));

        finding.Finding.Should().Be("vertebral-compression-fracture");
    }

    [Test]
    public void Map_FindingWithADataAbsentReason_IsLeftOutNotReadAsPresent()
    {
        var unknown = """ "dataAbsentReason": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "unknown" }] } """;

        var result = Map(Bundle(Study(Finding(value: unknown))));

        result.Case.Imaging!.Single().Findings.Should().BeEmpty();
        result.Report.Ignored.Should().Contain(i => i.Reason == FhirIgnoreReason.InvalidValue && i.Detail.Contains("dataAbsentReason unknown", StringComparison.Ordinal));
    }

    [TestCase("entered-in-error", FhirIgnoreReason.EnteredInError)]
    [TestCase("preliminary", FhirIgnoreReason.NotCurrent)]
    public void Map_ResultNotCurrent_IsReportedAndNotAFinding(string status, FhirIgnoreReason reason)
    {
        var result = Map(Bundle(Study(Finding(status: status))));

        result.Case.Imaging!.Single().Findings.Should().BeNull("a report whose only result is not current has itemised nothing");
        result.Report.Ignored.Should().Contain(i => i.Source == "Observation/result-0" && i.Reason == reason);
    }

    [Test]
    public void Map_ResultNotInTheInput_IsReported()
    {
        var study = Study(Finding());

        var result = Map(Bundle(study[0], study[1]));

        result.Report.Ignored.Should().Contain(i => i.Detail.StartsWith("result Observation/result-0: no current Observation", StringComparison.Ordinal));
    }

    [Test]
    public void Map_ResultObservation_IsReadWithTheReportNotAsAnObservationOfItsOwn()
    {
        var result = Map(Bundle(Study(AcuteFracture())));

        result.Report.Ignored.Should().NotContain(i => i.Source == "Observation/result-0");
    }

    [TestCase("mm")]
    [TestCase("1")]
    public void Map_HeightLossInAnotherUnit_IsReportedAndLeftUnknown(string unit)
    {
        var result = Map(Bundle(Study(Finding(components: [HeightLoss(30, unit)]))));

        result.Case.Imaging!.Single().Findings!.Single().HeightLossPercent.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Reason == FhirIgnoreReason.WrongUnit && i.Detail.Contains("heightLossPercent", StringComparison.Ordinal));
    }

    [Test]
    public void Map_HeightLossAsABareNumber_IsReadAsPercent()
    {
        var finding = OnlyFinding(Bundle(Study(Finding(components: [Detail("heightLossPercent", "\"valueDecimal\": 26")]))));

        finding.HeightLossPercent.Should().Be(26);
    }

    [TestCase(100, 100)]
    [TestCase(101, null)]
    public void Map_HeightLossAboveAHundredPercent_IsRejected(double value, double? expected)
    {
        var result = Map(Bundle(Study(Finding(components: [HeightLoss(value)]))));

        result.Case.Imaging!.Single().Findings!.Single().HeightLossPercent.Should().Be(expected);
    }

    [Test]
    public void Map_ConclusionCodeNamingAResultsFinding_GivesOneFinding()
    {
        var study = Study(AcuteFracture());
        study[1] = study[1].Replace("\"result\":", """ "conclusionCode": [{ "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/imaging-finding", "code": "vertebral-compression-fracture" }] }], "result": """, StringComparison.Ordinal);

        var findings = Map(Bundle(study)).Case.Imaging!.Single().Findings!;

        findings.Should().ContainSingle().Which.Acute.Should().BeTrue();
    }

    [TestCase("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD")]
    [TestCase("http://loinc.org", "LP29684-5")]
    public void Map_RadiologyReportWithoutAStudy_GivesAStudyOfUnknownModalityWithTheResultsFindings(string system, string code)
    {
        var study = Study(AcuteFracture());
        var report = study[1].Replace("\"imagingStudy\": [{ \"reference\": \"ImagingStudy/mri\" }],", $$"""
            "category": [{ "coding": [{ "system": "{{system}}", "code": "{{code}}" }] }],
            """, StringComparison.Ordinal);

        var imaging = Map(Bundle(report, study[2])).Case.Imaging!.Single();

        imaging.Modality.Should().BeNull();
        imaging.Findings!.Single().Should().BeEquivalentTo(new ImagingFinding { Finding = "vertebral-compression-fracture", Level = "T12", Acute = true, MarrowOedema = true, HeightLossPercent = 20 });
    }

    // A laboratory panel's results are lab Observations: read on their own, never as imaging findings.
    [Test]
    public void Map_LaboratoryPanelWithResults_MapsTheLabsAndNoImaging()
    {
        var panel = """
            { "resourceType": "DiagnosticReport", "id": "panel", "status": "final", "effectiveDateTime": "2026-10-20",
              "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "LAB" }] }],
              "code": { "text": "Coagulation panel" }, "result": [{ "reference": "Observation/inr" }] }
            """;

        var result = Map(Bundle(panel, Fixtures.Observation("inr", "6301-6", Fixtures.Quantity(1.1, "{INR}"))));

        result.Case.Labs.Inr.Should().Be(1.1);
        result.Case.Imaging.Should().BeNull();
    }

    [Test]
    public void Map_UnknownComponent_IsReported()
    {
        var result = Map(Bundle(Study(Finding(components: [Detail("root", "\"valueString\": \"L5\"")]))));

        result.Report.Ignored.Should().Contain(i => i.Detail.Contains("is not one the mapping reads", StringComparison.Ordinal) && i.Detail.Contains("imaging.findings.root", StringComparison.Ordinal));
    }

    // VA-S-001 from FHIR: an acute T12 fracture on MRI in a hospitalised patient with NRS 8 -> augmentation considered;
    // the same fracture reported chronic is a healed fracture, and one without acuity asks for it.
    [TestCase("424124008", "proceed")]
    [TestCase("90734009", "not-indicated")]
    [TestCase(null, "information-needed")]
    public void Evaluate_OsteoporoticFractureFromARadiologyReport_FollowsTheFracturesAcuity(string? course, string disposition)
    {
        var fracture = Finding(components: course is null ? new[] { HeightLoss(20) } : new[] { Course(course), HeightLoss(20) });

        var (_, _, report) = Evaluate(Bundle([.. VertebralFractureContext(), .. Study(fracture)]));

        report.Disposition.Should().Be(disposition, string.Join("; ", report.InformationNeeded.Select(i => i.Datum)));
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    public void Map_RedFlagExplainedExtension_GivesExplained(bool value, bool expected)
    {
        var flag = Map(Bundle(RedFlag(value))).Case.RedFlags!.Single();

        flag.Explained.Should().Be(expected);
    }

    [Test]
    public void Map_RedFlagWithoutTheExtension_IsUnexplained()
    {
        var flag = Map(Bundle(RedFlag(null))).Case.RedFlags!.Single();

        flag.Explained.Should().BeNull();
    }

    public static string RedFlag(bool? explained) =>
        $$"""
        { "resourceType": "Condition", "id": "minor-trauma", "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
          {{(explained is { } e ? $$""" "extension": [{ "url": "https://spinedecision.org/fhir/StructureDefinition/red-flag-explained", "valueBoolean": {{(e ? "true" : "false")}} }], """ : "")}}
          "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/red-flag", "code": "minor-trauma-osteoporotic" }] } }
        """;

    /// <summary>VA-S-001 without its imaging: a hospitalised 78-year-old with an osteoporotic fracture, NRS 8, after failed analgesics and bracing.</summary>
    public static string[] VertebralFractureContext() =>
    [
        Patient("1948-03-15"),
        Fixtures.InpatientNow,
        Fixtures.Observation("nrs", "72514-3", Fixtures.Quantity(8, "{score}")),
        Fixtures.CaseFieldObservation("region", "pain.region", "\"valueCodeableConcept\": { \"coding\": [{ \"system\": \"https://spinedecision.org/fhir/CodeSystem/region\", \"code\": \"thoracic\" }] }"),
        Fixtures.CaseFieldObservation("pattern", "pain.pattern", "\"valueCodeableConcept\": { \"coding\": [{ \"system\": \"https://spinedecision.org/fhir/CodeSystem/pain-pattern\", \"code\": \"axial\" }] }"),
        Fixtures.CaseFieldObservation("weeks", "pain.durationWeeks", "\"valueDecimal\": 3"),
        Fixtures.CaseFieldObservation("concordant", "exam.imagingConcordant", "\"valueBoolean\": true"),
        Fixtures.Condition("fracture", "http://hl7.org/fhir/sid/icd-10-cm", "M80.08XA", verification: "confirmed", clinical: "active"),
        RedFlag(explained: true),
        Therapy("analgesics"),
        Therapy("bracing"),
        EmptyList("priorProcedures"), EmptyList("medications"), EmptyList("allergies"), EmptyList("comorbidities"),
    ];

    private static string Therapy(string modality) =>
        $$"""{ "resourceType": "Procedure", "id": "{{modality}}", "status": "completed", "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/therapy-modality", "code": "{{modality}}" }] }, "performedPeriod": { "start": "2026-10-14", "end": "2026-10-28" }, "outcome": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/therapy-outcome", "code": "failed" }] } }""";

    private static string EmptyList(string path) =>
        $$"""{ "resourceType": "List", "id": "{{path}}", "status": "current", "mode": "snapshot", "code": { "coding": [{ "system": "{{CaseField}}", "code": "{{path}}" }] }, "emptyReason": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/list-empty-reason", "code": "nilknown" }] } }""";
}
