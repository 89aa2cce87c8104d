using System.Text.Json;
using SpineDecision.Cases;

namespace SpineDecision.Fhir.Tests;

/// <summary>
/// Real data from other people, read from <c>../shared/fixtures</c> at test time (never copied): every file maps without
/// an exception, and the datums visible in each file are asserted. Skipped, visibly, when the folder is absent.
/// </summary>
public sealed class RealFixtureTests
{
    private static readonly DateOnly Assessed = FhirTestSupport.Assessed;

    private static FhirMappingResult MapFhir(string relativePath) =>
        FhirTestSupport.Map(File.ReadAllText(Path.Combine(FhirTestSupport.SharedFixtures("fhir"), relativePath)));

    private static FhirMappingResult MapSynthea(string patientId) => MapFhir($"synthea-bulk-10-patients/Patient-{patientId}.bundle.json");

    private static FhirMappingResult MapGenerated(string name) => MapFhir($"smart-generated-sample-data/R4/SYNTHEA/{name}.json");

    [Test]
    public void Map_EveryFhirFixture_MapsAndEvaluatesWithoutException()
    {
        var files = Directory.EnumerateFiles(FhirTestSupport.SharedFixtures("fhir"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        foreach (var file in files)
        {
            var result = FhirTestSupport.Map(File.ReadAllText(file));
            var report = FhirTestSupport.Engine.Evaluate(result.Case);

            report.Disposition.Should().NotBeNullOrEmpty(file);
        }

        files.Should().HaveCountGreaterThanOrEqualTo(11);
    }

    [Test]
    public void Map_EveryCdsHooksPrefetchAndDraftOrderSet_MapsWithoutExceptionAndMalformedFilesGiveALocatedError()
    {
        var folder = FhirTestSupport.SharedFixtures("cds-hooks");
        var mapped = 0;
        var malformed = 0;

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => f.Contains(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                var act = () => FhirTestSupport.Map(text);
                act.Should().Throw<FhirMappingException>(file).Which.JsonPath.Should().StartWith("$", file);
                malformed++;
                continue;
            }

            using (document)
            {
                foreach (var part in MappableParts(document.RootElement))
                {
                    var result = FhirTestSupport.Map(part.GetRawText());
                    FhirTestSupport.Engine.Evaluate(result.Case).Disposition.Should().NotBeNullOrEmpty(file);
                    mapped++;
                }
            }
        }

        mapped.Should().BeGreaterThan(60);
        malformed.Should().BeGreaterThan(60);
    }

    private static IEnumerable<JsonElement> MappableParts(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (root.TryGetProperty("prefetch", out var prefetch) && prefetch.ValueKind == JsonValueKind.Object)
        {
            yield return prefetch;
        }

        if (root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object
            && context.TryGetProperty("draftOrders", out var orders) && orders.ValueKind == JsonValueKind.Object)
        {
            yield return orders;
        }

        if (root.TryGetProperty("resourceType", out _))
        {
            yield return root;
        }
    }

    [Test]
    public void Map_MskReportBundle_ReadsNrsAndOdiFromQuestionnaireResponsesAndReportsTheSecondScale()
    {
        var result = MapFhir("cmmi-access-model/Bundle-MSKReportDataBundleExample.json");

        result.Case.Pain.Should().BeEquivalentTo(new PainInfo { Nrs = 6, DisabilityScale = "odi", DisabilityScore = 36 });
        result.Case.Patient.Sex.Should().Be("male");
        result.Report.Ignored.Should().Contain(i => i.Source == "QuestionnaireResponse/NeckDisabilityIndexExample" && i.Reason == FhirIgnoreReason.Superseded);
    }

    [Test]
    public void Map_SyntheaBulkPatientWithoutObservations_LeavesPainAndLabsUnknown()
    {
        var result = MapSynthea("8e1a0a7c-e308-444b-075a-3c2b1f60f881");

        result.Case.Patient.Should().BeEquivalentTo(new PatientInfo { Age = 66, Sex = "male" });
        result.Case.Pain.Nrs.Should().BeNull();
        result.Report.Unknown.Should().Contain(["pain.nrs", "labs.inr", "labs.platelets", "labs.hbA1c", "imaging"]);
    }

    [Test]
    public void Map_SyntheaOsteoporoticForearmFracture_IsNotAVertebralFracture()
    {
        var result = MapSynthea("a5cb8ce9-cec6-6b23-0990-cbaf753578a4");

        result.Case.Diagnoses.Should().Contain(d => d.Code == "SNOMED:443165006");
        result.Case.Diagnoses!.Select(d => d.Code).Should().NotContain("osteoporotic-vertebral-fracture");
        result.Case.Allergies.Should().Contain(a => a.Substance == "RXNORM:10831");
    }

    [Test]
    public void Map_SyntheaAspirinAndLatexAllergies_AreMappedAndLatexResolves()
    {
        var result = MapSynthea("cbc86e51-9eca-3855-76ec-c058f72c5761");

        result.Case.Allergies!.Select(a => a.Substance).Should().Contain(["RXNORM:1191", "SNOMED:111088007"]);
        result.Case.Diagnoses.Should().Contain(d => d.Code == "SNOMED:361055000");
        result.Report.Mapped.Should().Contain(m => m.CasePath == "allergies" && m.Value == "SNOMED:111088007 → latex");
    }

    [Test]
    public void Map_SyntheaDeceasedPatient_IsMappedAndTheDeathReported()
    {
        var result = MapSynthea("129c6ac7-8d06-89de-ad63-0204a93e76c3");

        result.Case.Patient.Sex.Should().Be("female");
        result.Report.Ignored.Should().Contain(i => i.Detail.Contains("died on 1989-05-09"));
    }

    [Test]
    public void Map_SyntheaMinor_GivesTheAgeAtTheAssessmentDate()
    {
        var result = MapSynthea("63ee2253-bdd5-da55-2ad2-b4984d0ad700");

        result.Case.Patient.Age.Should().Be(15);
        result.Case.Patient.Sex.Should().Be("male");
    }

    [Test]
    public void Map_SyntheaActiveNaproxenByClinicalDrugCode_LeavesMedicationsUnknownAndSaysWhy()
    {
        var result = MapSynthea("6a4160eb-a793-2f86-2302-378626f46cce");

        result.Case.Medications.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Source == "medications" && i.Detail.Contains("cannot be read as none"));
    }

    [Test]
    public void Map_GeneratedSyntheaNrsSeries_TakesTheLatestDecimalScoreAtOrBeforeTheAssessment()
    {
        var result = MapGenerated("Bradly_Douglas_18468941-bdaf-42a0-8648-cba7cafc27ce");

        result.Case.Pain.Nrs.Should().BeApproximately(5.612, 0.001);
        result.Report.Ignored.Count(i => i.Detail.StartsWith("pain.nrs:", StringComparison.Ordinal) && i.Reason == FhirIgnoreReason.Superseded).Should().BeGreaterThan(30);
    }

    [Test]
    public void Map_GeneratedSyntheaLabs_AreMappedWithTheirDates()
    {
        var result = MapGenerated("Jacki_Feil_2dfcf7a9-5fb8-4f56-9cf3-a35a74c60438");

        result.Case.Labs.HbA1c.Should().BeApproximately(6.224, 0.001);
        result.Case.Labs.HbA1cDate.Should().Be(new DateOnly(2020, 8, 10));
        result.Case.Imaging.Should().ContainSingle().Which.Modality.Should().Be("xray");
    }

    [Test]
    public void Map_GeneratedSyntheaSpinalCordLesion_IsKeptAsAnUnclaimedDiagnosis()
    {
        var result = MapGenerated("Cary_O'Hara_e39beddb-dcad-4762-a3ca-b671a92a5f2d");

        result.Case.Diagnoses.Should().Contain(d => d.Code == "SNOMED:698754002" && d.Status == "confirmed");
        result.Case.Pain.Nrs.Should().BeApproximately(3.354, 0.001);
    }

    [Test]
    public void Map_GeneratedSyntheaWhiplash_IsHistorical()
    {
        var result = MapGenerated("Willy_Koepp_ebbb96ce-c538-4ac4-ad6a-7c709ef6639c");

        result.Case.Diagnoses.Should().Contain(d => d.Code == "SNOMED:39848009" && d.Status == "historical");
    }

    [Test]
    public void Map_PamaLumbarCtDraftOrder_GivesTheRequestedCptAndTheLowBackPainReason()
    {
        var text = File.ReadAllText(Path.Combine(FhirTestSupport.SharedFixtures("cds-hooks"), "pama", "connectathon-scenarios-2019-09", "examples", "scenario-01-outbound-request.json"));
        using var document = JsonDocument.Parse(text);

        var result = FhirTestSupport.Map(document.RootElement.GetProperty("context").GetProperty("draftOrders").GetRawText());

        result.Case.Referral.RequestedProcedure.Should().Be("CPT:72133");
        result.Case.Diagnoses.Should().ContainSingle().Which.Code.Should().Be("SNOMED:279039007");
    }

    [Test]
    public void Map_DaVinciOrderSignPrefetch_MapsThePatientAndReportsNullMembersAsNoData()
    {
        var text = File.ReadAllText(Path.Combine(FhirTestSupport.SharedFixtures("cds-hooks"), "davinci-crd", "input", "resources", "CRDServiceRequest.json"));
        using var document = JsonDocument.Parse(text);

        var result = FhirTestSupport.Map(document.RootElement.GetProperty("prefetch").GetRawText());

        result.Case.Patient.Should().BeEquivalentTo(new PatientInfo { Age = 39, Sex = "female" });
        result.Case.Medications.Should().BeNull();
        result.Report.Ignored.Should().Contain(i => i.Source == "prefetch medication" && i.Detail.Contains("no data"));
    }

    [Test]
    public void Map_OpioidRequestWithBatchResponseShapedPrefetch_ReadsTheWrappedPatient()
    {
        var text = File.ReadAllText(Path.Combine(FhirTestSupport.SharedFixtures("cds-hooks"), "opioid-cds-r4", "requests-2022", "OpioidCDSREC04", "request-example-rec-04-not-long-acting-opioid.json"));
        using var document = JsonDocument.Parse(text);

        var result = FhirTestSupport.Map(document.RootElement.GetProperty("prefetch").GetRawText());

        result.Case.Patient.Sex.Should().Be("male");
        result.Report.Ignored.Count(i => i.Source.StartsWith("prefetch item", StringComparison.Ordinal)).Should().Be(12);
    }
}
