using System.Text.Json.Nodes;
using SpineDecision.Cases;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

/// <summary>Pain before and after a procedure from NRS Observations linked to it by <c>partOf</c>.</summary>
public sealed class ProcedurePainTests
{
    private const string Timing = "https://spinedecision.org/fhir/StructureDefinition/procedure-pain-timing";

    private const string Block = """
        { "resourceType": "Procedure", "id": "mbb1", "status": "completed",
          "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/procedure", "code": "medial-branch-block" }] },
          "bodySite": [{ "coding": [{ "system": "http://snomed.info/sct", "code": "122496007" }] }],
          "performedDateTime": "2026-08-20T10:00:00Z" }
        """;

    public static string Pain(string id, string effective, double score, string status = "final", string? timing = null, string unit = "{score}", string procedure = "Procedure/mbb1") =>
        $$"""
        { "resourceType": "Observation", "id": "{{id}}", "status": "{{status}}", "partOf": [{ "reference": "{{procedure}}" }],
          {{(timing is null ? "" : $$""" "extension": [{ "url": "{{Timing}}", "valueCode": "{{timing}}" }], """)}}
          "code": { "coding": [{ "system": "http://loinc.org", "code": "72514-3" }] }, "effectiveDateTime": "{{effective}}",
          "valueQuantity": { "value": {{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "system": "http://unitsofmeasure.org", "code": "{{unit}}" } }
        """;

    /// <summary>facet-rfa.yaml as FHIR with its first block replaced by <see cref="Block"/> and the given scores.</summary>
    private static string FacetCase(params string[] resources)
    {
        var sample = PatientCaseReader.ReadFile(Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", "facet-rfa.yaml"));
        var bundle = JsonNode.Parse(CaseToFhir.Render(sample with { PriorProcedures = [sample.PriorProcedures![1]] }))!;
        foreach (var resource in resources.Prepend(Block))
        {
            bundle["entry"]!.AsArray().Add(new JsonObject { ["resource"] = JsonNode.Parse(resource) });
        }

        return bundle.ToJsonString();
    }

    private static (PatientCase Case, FhirMappingReport Mapping, Reports.RecommendationReport Report) EvaluateFacet(params string[] resources)
    {
        var result = Map(FacetCase(resources));
        return (result.Case, result.Report, FhirTestSupport.Engine.Evaluate(result.Case));
    }

    private static PriorProcedure TheBlock(PatientCase patientCase) => patientCase.PriorProcedures!.Single(p => p.Date == new DateOnly(2026, 8, 20));

    [TestCase(2, true)]
    [TestCase(3, false)]
    public void Map_ScoresBeforeAndAfterABlock_GiveItsReliefAndTheRfaDecisionOnBothSidesOf80Percent(double after, bool rfa)
    {
        var (patientCase, _, report) = EvaluateFacet(Pain("before", "2026-08-20T09:30:00Z", 10), Pain("after", "2026-08-20T16:00:00Z", after));

        TheBlock(patientCase).PainBefore.Should().Be(10);
        TheBlock(patientCase).PainAfter.Should().Be(after);
        patientCase.Pain.Nrs.Should().Be(7, "scores part of a procedure are not the current pain");
        report.Recommendations.Any(r => r.Procedure.Id == "facet-rfa").Should().Be(rfa);
    }

    [Test]
    public void Map_NoLinkedScores_LeavesTheBlocksPainUnknownAndRfaNotRecommended()
    {
        var (patientCase, _, report) = EvaluateFacet();

        TheBlock(patientCase).PainBefore.Should().BeNull();
        TheBlock(patientCase).PainAfter.Should().BeNull();
        report.Recommendations.Should().NotContain(r => r.Procedure.Id == "facet-rfa");
    }

    [Test]
    public void Map_SameDayScoresWithoutTimes_NeedTheTimingExtension()
    {
        var withoutTiming = Map(FacetCase(Pain("before", "2026-08-20", 10), Pain("after", "2026-08-20", 2)));
        var withTiming = Map(FacetCase(Pain("before", "2026-08-20", 10, timing: "before"), Pain("after", "2026-08-20", 2, timing: "after")));

        TheBlock(withoutTiming.Case).PainAfter.Should().BeNull();
        withoutTiming.Report.Ignored.Should().Contain(i => i.Source == "Observation/after" && i.Reason == FhirIgnoreReason.Unused);
        TheBlock(withTiming.Case).PainBefore.Should().Be(10);
        TheBlock(withTiming.Case).PainAfter.Should().Be(2);
    }

    [Test]
    public void Map_ScoresOnEarlierAndLaterDays_AreBeforeAndAfterByDate()
    {
        var patientCase = Map(FacetCase(Pain("before", "2026-08-19", 9), Pain("after", "2026-08-21", 1))).Case;

        TheBlock(patientCase).PainBefore.Should().Be(9);
        TheBlock(patientCase).PainAfter.Should().Be(1);
    }

    [Test]
    public void Map_TwoScoresBefore_TakesTheLatest()
    {
        var patientCase = Map(FacetCase(Pain("older", "2026-08-01", 5), Pain("before", "2026-08-19", 9))).Case;

        TheBlock(patientCase).PainBefore.Should().Be(9);
    }

    [Test]
    public void Map_SeveralScoresAfter_LeavesPainAfterUnknownAndSaysWhy()
    {
        var result = Map(FacetCase(Pain("before", "2026-08-19", 9), Pain("after1", "2026-08-21", 1), Pain("after2", "2026-08-22", 4)));

        TheBlock(result.Case).PainAfter.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Source == "Observation/after2" && i.Detail.Contains("does not choose", StringComparison.Ordinal));
    }

    [TestCase("entered-in-error", FhirIgnoreReason.EnteredInError)]
    [TestCase("preliminary", FhirIgnoreReason.NotCurrent)]
    public void Map_LinkedScoreNotFinal_IsIgnored(string status, FhirIgnoreReason reason)
    {
        var result = Map(FacetCase(Pain("before", "2026-08-19", 9), Pain("after", "2026-08-21", 1, status: status)));

        TheBlock(result.Case).PainAfter.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Source == "Observation/after" && i.Reason == reason);
    }

    [Test]
    public void Map_LinkedScoreInAUnit_IsIgnoredAsNoScore()
    {
        var result = Map(FacetCase(Pain("before", "2026-08-19", 9, unit: "mm")));

        TheBlock(result.Case).PainBefore.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Source == "Observation/before" && i.Reason == FhirIgnoreReason.InvalidValue);
    }

    [Test]
    public void Map_ScoreLinkedByUrnUuid_IsReadWithItsProcedure()
    {
        var block = Block.Replace("\"id\": \"mbb1\"", "\"id\": \"6f1c1d0e-0000-4000-8000-000000000001\"", StringComparison.Ordinal);
        var json = Bundle(Patient(), block, Pain("after", "2026-08-21", 1, procedure: "urn:uuid:6f1c1d0e-0000-4000-8000-000000000001"));

        var patientCase = Map(json).Case;

        patientCase.PriorProcedures.Should().ContainSingle().Which.PainAfter.Should().Be(1);
        patientCase.Pain.Nrs.Should().BeNull();
    }

    private const string Therapy = """
        { "resourceType": "Procedure", "id": "pt", "status": "completed",
          "code": { "coding": [{ "system": "https://spinedecision.org/fhir/CodeSystem/therapy-modality", "code": "physical-therapy" }] },
          "performedPeriod": { "start": "2026-06-01", "end": "2026-07-27" } }
        """;

    [TestCase("Procedure/trial", "trial")]
    [TestCase("Procedure/pt", "therapy")]
    public void Map_PainScorePartOfATrialOrTherapy_IsReportedUnusedAndIsNotTheCurrentPain(string procedure, string kind)
    {
        var json = Bundle(Patient(), Fixtures.TrialProcedure, Therapy, Pain("linked", "2026-07-01", 3, procedure: procedure));

        var result = Map(json);

        result.Case.Pain.Nrs.Should().BeNull();
        result.Report.Ignored.Should().ContainSingle(i => i.Source == "Observation/linked")
            .Which.Should().Match<FhirIgnoredItem>(i => i.Reason == FhirIgnoreReason.Unused && i.Detail.Contains($"a {kind}"));
    }

    [Test]
    public void Map_PainScorePartOfABlock_IsNotReportedAsPartOfATrialOrTherapy()
    {
        var result = Map(Bundle(Patient(), Block, Fixtures.TrialProcedure, Pain("linked", "2026-08-20T09:30:00Z", 8)));

        result.Report.Ignored.Should().NotContain(i => i.Source == "Observation/linked");
    }
}
