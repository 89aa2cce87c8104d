using SpineDecision.Cases;
using SpineDecision.Terminology;

namespace SpineDecision.Tests.Engine;

/// <summary>The shipped vocabulary as an EHR integration meets it: coded problem lists, the FY2025 disc codes, the listing.</summary>
[TestFixture]
public sealed class ShippedVocabularyTests
{
    private const string CodedDiscogenicCase = """
        caseFormat: 2
        assessmentDate: 2026-11-01
        patient: { age: 44, sex: male, pregnant: false }
        pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 30, nrs: 6, disabilityScale: odi, disabilityScore: 36 }
        exam: { imagingConcordant: true }
        diagnoses: ["ICD10CM:I10", "ICD10CM:M51.360"]
        imaging:
          - { modality: mri, date: 2026-08-01, result: normal, findings: [] }
        conservativeCare: [{ modality: physical-therapy, weeks: 12, outcome: failed }]
        priorProcedures: []
        redFlags: []
        medications: []
        allergies: []
        comorbidities: []
        """;

    [Test]
    public void Validate_ProblemListWithHypertensionAndAFy2025DiscCode_IsValid()
    {
        var patientCase = PatientCaseReader.Read(CodedDiscogenicCase, "coded.yaml");

        var problems = SharedEngines.Default.Validate(patientCase);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Evaluate_Fy2025DiscCodeForDiscogenicBackPain_ReachesTheDiscogenicPathway()
    {
        var patientCase = PatientCaseReader.Read(CodedDiscogenicCase, "coded.yaml");

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.Withheld.Select(w => w.Procedure?.Id).Should().Contain("idet");
    }

    [Test]
    public void Evaluate_CodedCase_GivesTheSameReportAsTheConceptIds()
    {
        var coded = PatientCaseReader.Read(CodedDiscogenicCase, "coded.yaml");
        var byId = coded with { Diagnoses = [new Diagnosis { Code = "discogenic-pain" }] };

        var json = (SharedEngines.Default.Evaluate(coded) with { NotUsed = [] }).ToJson();

        json.Should().Be(SharedEngines.Default.Evaluate(byId).ToJson());
    }

    [Test]
    public void Evaluate_HypertensionCodeOnTheProblemList_IsReportedAsNotUsed()
    {
        var patientCase = PatientCaseReader.Read(CodedDiscogenicCase, "coded.yaml");

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.NotUsed.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Path = "diagnoses[0].code", Value = "ICD10CM:I10" });
    }

    [Test]
    public void Evaluate_ItemWrittenOnlyAsText_CountsAsDocumentedAndIsReportedAsNotUsed()
    {
        var patientCase = SampleCases.Esi(8) with { Medications = [new Medication { Text = "St John's wort" }] };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.NotUsed.Should().ContainEquivalentOf(new { Path = "medications[0].text", Value = "St John's wort" });
        report.InformationNeeded.Select(q => q.Datum).Should().NotContain("medication");
    }

    [Test]
    public void Evaluate_MedicationsNotDocumented_AsksForThem()
    {
        var patientCase = SampleCases.Esi(8) with { Medications = null };

        var report = SharedEngines.Default.Evaluate(patientCase);

        report.InformationNeeded.Select(q => q.Datum).Should().Contain("medication");
    }

    [TestCase("ICD10CM:M51.360", "discogenic-pain")]
    [TestCase("ICD10CM:M51.362", "discogenic-pain")]
    [TestCase("ICD10CM:M51.372", "discogenic-pain")]
    [TestCase("ICD10CM:M48.062", "spinal-stenosis")]
    [TestCase("ICD10CM:M50.221", "disc-herniation")]
    [TestCase("ICD10CM:M51.26", "disc-herniation")]
    [TestCase("ICD10CM:M47.816", "facet-arthropathy")]
    [TestCase("ICD10CM:G90.512", "crps")]
    [TestCase("ICD10CM:M80.08XA", "osteoporotic-vertebral-fracture")]
    public void Resolve_ShippedDiagnosisCode_GivesItsConcept(string code, string concept)
    {
        var vocabulary = SharedEngines.Default.Compiled.Rules.Vocabulary;

        var resolved = vocabulary.Resolve("diagnosis", code);

        resolved?.Id.Should().Be(concept);
    }

    [TestCase("ICD10CM:M51.361")]
    [TestCase("ICD10CM:M51.369")]
    [TestCase("ICD10CM:I10")]
    public void Resolve_DiscDegenerationWithoutDiscogenicBackPainOrAnUnrelatedCode_GivesNoConcept(string code)
    {
        var vocabulary = SharedEngines.Default.Compiled.Rules.Vocabulary;

        var resolved = vocabulary.Resolve("diagnosis", code);

        resolved.Should().BeNull();
    }

    [TestCase("ATC:B01AF02", "anticoagulant")]
    [TestCase("RXNORM:11289", "vitamin-k-antagonist")]
    [TestCase("ATC:B01AC04", "antiplatelet")]
    [TestCase("ATC:N02AA01", "opioid")]
    [TestCase("ATC:H02AB02", "systemic-corticosteroid")]
    public void Resolve_ShippedMedicationCode_GivesItsClass(string code, string medicationClass)
    {
        var vocabulary = SharedEngines.Default.Compiled.Rules.Vocabulary;

        var resolved = vocabulary.Resolve("medication-class", code);

        resolved?.Id.Should().Be(medicationClass);
    }

    [Test]
    public void Resolve_CptCodeBilledForTwoProcedures_GivesNoConcept()
    {
        var vocabulary = SharedEngines.Default.Compiled.Rules.Vocabulary;

        var resolved = vocabulary.Resolve("procedure", "CPT:64493");

        resolved.Should().BeNull();
    }

    [Test]
    public void Resolve_SnomedContrastMediaAllergy_GivesIodinatedContrastSoTheContrastRulesSeeIt()
    {
        var vocabulary = SharedEngines.Default.Compiled.Rules.Vocabulary;

        var resolved = vocabulary.Resolve("allergen", "SNOMED:293637006");

        resolved!.Id.Should().Be("iodinated-contrast");
    }

    [TestCase("LOINC:97908-8", "odi")]
    [TestCase("LOINC:82226-2", "ndi")]
    public void Resolve_LoincScoreCodeOfADisabilityScale_GivesTheScale(string code, string scale)
    {
        var vocabulary = SharedEngines.Default.Compiled.Rules.Vocabulary;

        var resolved = vocabulary.Resolve("disability-scale", code);

        resolved!.Id.Should().Be(scale);
    }

    [Test]
    public void Resolve_TransforaminalEpiduralCode_CountsAsAnEsiSoFrequencyLimitsSeeIt()
    {
        var vocabulary = SharedEngines.Default.Compiled.Rules.Vocabulary;

        var resolved = vocabulary.Resolve("procedure", "CPT:64483");

        resolved!.Id.Should().Be("epidural-steroid-injection");
    }

    [Test]
    public void Vocabulary_ShippedRules_DeclaresEachCodeSystemOnceWithItsFhirUri()
    {
        var vocabulary = SharedEngines.Default.Vocabulary;

        vocabulary.CodeSystems.Select(s => (s.Prefix, s.Uri)).Should().Equal(
            ("ATC", "http://www.whocc.no/atc"),
            ("CPT", "http://www.ama-assn.org/go/cpt"),
            ("HCPCS", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"),
            ("ICD10CM", "http://hl7.org/fhir/sid/icd-10-cm"),
            ("LOINC", "http://loinc.org"),
            ("RXNORM", "http://www.nlm.nih.gov/research/umls/rxnorm"),
            ("SNOMED", "http://snomed.info/sct"));
    }

    [Test]
    public void Vocabulary_ShippedRules_ListsEveryCodeInADeclaredSystem()
    {
        var vocabulary = SharedEngines.Default.Vocabulary;
        var prefixes = vocabulary.CodeSystems.Select(s => s.Prefix).ToHashSet(StringComparer.Ordinal);

        var codes = vocabulary.Sets.SelectMany(s => s.Concepts).SelectMany(c => c.Codes).ToList();

        codes.Should().NotBeEmpty().And.OnlyContain(c => prefixes.Contains(c.System));
    }

    [Test]
    public void Vocabulary_FacetRfa_ListsItsCptCodesAsIdentifying()
    {
        var vocabulary = SharedEngines.Default.Vocabulary;

        var rfa = vocabulary.Sets.Single(s => s.Id == "procedure").Concepts.Single(c => c.Id == "facet-rfa");

        rfa.Codes.Select(c => c with { Billing = null }).Should().Equal(
            new ConceptCode("CPT", "64633", false, true), new ConceptCode("CPT", "64634", false, true),
            new ConceptCode("CPT", "64635", false, true), new ConceptCode("CPT", "64636", false, true));
    }
}
