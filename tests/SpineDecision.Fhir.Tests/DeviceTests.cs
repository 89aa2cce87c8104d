using System.Text.Json.Nodes;
using SpineDecision.Cases;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>Implanted devices from Device resources and implant or explant procedures, through to the SCS exclusions.</summary>
public sealed class DeviceTests
{
    private const string DeviceKind = "https://spinedecision.org/fhir/CodeSystem/device-kind";
    private const string DeviceStatus = "https://spinedecision.org/fhir/CodeSystem/device-status";

    public static string Device(string kind = "scs", string status = "active", string? statusReason = null) =>
        $$"""
        { "resourceType": "Device", "id": "{{kind}}-device", "status": "{{status}}", "patient": { "reference": "Patient/r1" },
          {{(statusReason is null ? "" : $$""" "statusReason": [{ "coding": [{ "system": "{{DeviceStatus}}", "code": "{{statusReason}}" }] }], """)}}
          "type": { "coding": [{ "system": "{{DeviceKind}}", "code": "{{kind}}" }] } }
        """;

    public static string CptProcedure(string id, string cpt, string date) =>
        $$"""{ "resourceType": "Procedure", "id": "{{id}}", "status": "completed", "code": { "coding": [{ "system": "http://www.ama-assn.org/go/cpt", "code": "{{cpt}}" }] }, "performedDateTime": "{{date}}" }""";

    /// <summary>A failed-back-surgery candidate for an SCS trial (scs-implant.yaml before its trial), as FHIR, with the
    /// given resources added; its device list comes only from them.</summary>
    private static string ScsCandidate(params string[] resources)
    {
        var sample = PatientCaseReader.ReadFile(Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", "scs-implant.yaml"));
        var bundle = JsonNode.Parse(CaseToFhir.Render(sample with { Trials = [], Devices = null }))!;
        var entries = bundle["entry"]!.AsArray();
        foreach (var resource in resources)
        {
            entries.Add(new JsonObject { ["resource"] = JsonNode.Parse(resource) });
        }

        return bundle.ToJsonString();
    }

    private static (PatientCase Case, FhirMappingReport Mapping, Reports.RecommendationReport Report) EvaluateCandidate(params string[] resources)
    {
        var json = ScsCandidate(resources);
        var result = Map(json, assessed: new DateOnly(2026, 11, 1));
        return (result.Case, result.Report, FhirTestSupport.Engine.Evaluate(result.Case));
    }

    private static bool TrialWithheld(Reports.RecommendationReport report) => report.Withheld.Any(w => w.Procedure?.Id == "scs-trial");

    [Test]
    public void Map_NoDeviceData_LeavesDevicesUnknownAndTheRulesAskForThem()
    {
        var (patientCase, mapping, report) = EvaluateCandidate();

        patientCase.Devices.Should().BeNull();
        mapping.Unknown.Should().Contain("devices");
        report.InformationNeeded.Should().Contain(i => i.Datum == "device");
    }

    [Test]
    public void Map_DeviceListDeclaredEmpty_LetsTheTrialBeRecommended()
    {
        const string none = """
            { "resourceType": "List", "status": "current", "mode": "snapshot", "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/case-field", "code": "devices" }] },
              "emptyReason": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/list-empty-reason", "code": "nilknown" }] } }
            """;

        var (patientCase, _, report) = EvaluateCandidate(none);

        patientCase.Devices.Should().BeEmpty().And.NotBeNull();
        report.Recommendations.Select(r => r.Procedure.Id).Should().Contain("scs-trial");
    }

    [TestCase("active", null, "working")]
    [TestCase("active", "failed", "failed")]
    [TestCase("inactive", "explanted", "explanted")]
    public void Map_ActiveOrStatedStimulator_IsADeviceThatWithholdsANewTrial(string status, string? reason, string expected)
    {
        var (patientCase, _, report) = EvaluateCandidate(Device(status: status, statusReason: reason));

        patientCase.Devices.Should().ContainSingle().Which.Should().BeEquivalentTo(new ImplantedDevice { Kind = "scs", Status = expected });
        TrialWithheld(report).Should().BeTrue();
    }

    [TestCase("inactive")]
    [TestCase("unknown")]
    public void Map_StimulatorOfUnstatedStatus_LeavesDevicesUnknownSoTheRulesAsk(string status)
    {
        var (patientCase, mapping, report) = EvaluateCandidate(Device(status: status));

        patientCase.Devices.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "devices" && i.Detail.StartsWith("left unknown", StringComparison.Ordinal));
        report.InformationNeeded.Should().Contain(i => i.Datum == "device");
    }

    [Test]
    public void Map_DeviceEnteredInError_IsIgnored()
    {
        var (patientCase, mapping, _) = EvaluateCandidate(Device(status: "entered-in-error"));

        patientCase.Devices.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "Device/scs-device" && i.Reason == FhirIgnoreReason.EnteredInError);
    }

    [Test]
    public void Map_DeviceOfAnUnclaimedType_IsTalliedUnused()
    {
        var glucoseMonitor = Device().Replace(DeviceKind, "http://snomed.info/sct", StringComparison.Ordinal).Replace("\"scs\" }", "\"337414009\" }", StringComparison.Ordinal);

        var (patientCase, mapping, _) = EvaluateCandidate(glucoseMonitor);

        patientCase.Devices.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "Device" && i.Reason == FhirIgnoreReason.Unused);
    }

    [Test]
    public void Map_StimulatorImplantProcedure_IsAWorkingDeviceAndAPriorProcedure()
    {
        var (patientCase, _, report) = EvaluateCandidate(CptProcedure("ipg", "63685", "2023-03-01"));

        patientCase.Devices.Should().ContainSingle().Which.Should().BeEquivalentTo(new ImplantedDevice { Kind = "scs", Status = "working", Date = new DateOnly(2023, 3, 1) });
        patientCase.PriorProcedures.Should().Contain(p => p.Procedure == "CPT:63685");
        TrialWithheld(report).Should().BeTrue();
    }

    [Test]
    public void Map_ExplantAfterTheImplant_IsAnExplantedDevice()
    {
        var (patientCase, _, report) = EvaluateCandidate(CptProcedure("ipg", "63685", "2021-03-01"), CptProcedure("removal", "63661", "2024-05-02"));

        patientCase.Devices.Should().ContainSingle().Which.Should().BeEquivalentTo(new ImplantedDevice { Kind = "scs", Status = "explanted", Date = new DateOnly(2024, 5, 2) });
        TrialWithheld(report).Should().BeTrue();
    }

    [Test]
    public void Map_ImplantAfterAnExplant_IsAWorkingDevice()
    {
        var patientCase = Map(Bundle(Patient(), CptProcedure("removal", "63662", "2021-03-01"), CptProcedure("ipg", "63685", "2024-05-02"))).Case;

        patientCase.Devices.Should().ContainSingle().Which.Status.Should().Be("working");
    }

    [Test]
    public void Map_DeviceResourceStatus_WinsOverTheImplantProcedure()
    {
        var patientCase = Map(Bundle(Patient(), CptProcedure("ipg", "63685", "2023-03-01"), Device(statusReason: "failed"))).Case;

        patientCase.Devices.Should().ContainSingle().Which.Should().BeEquivalentTo(new ImplantedDevice { Kind = "scs", Status = "failed", Date = new DateOnly(2023, 3, 1) });
    }

    [Test]
    public void Map_IntrathecalPumpImplant_IsAWorkingPump()
    {
        var patientCase = Map(Bundle(Patient(), CptProcedure("pump", "62362", "2022-01-10"))).Case;

        patientCase.Devices.Should().ContainSingle().Which.Should().BeEquivalentTo(new ImplantedDevice { Kind = "intrathecal-pump", Status = "working", Date = new DateOnly(2022, 1, 10) });
    }

    [Test]
    public void Map_ImplantAfterTheAssessmentDate_IsIgnored()
    {
        var patientCase = Map(Bundle(Patient(), CptProcedure("ipg", "63685", "2026-11-02"))).Case;

        patientCase.Devices.Should().BeNull();
    }
}
