using Hl7.Fhir.Serialization;
using static SpineDecision.Fhir.Tests.Fixtures;
using static SpineDecision.Fhir.Tests.FhirTestSupport;

namespace SpineDecision.Fhir.Tests;

public sealed class FhirCaseMapperTests
{
    private const string Icd = "http://hl7.org/fhir/sid/icd-10-cm";
    private const string Sct = "http://snomed.info/sct";

    [Test]
    public void Map_RichBundle_MapsEveryDocumentedDatumAndEvaluates()
    {
        var (patientCase, mapping, report) = Evaluate(LumbarRadicular);

        patientCase.Patient.Should().BeEquivalentTo(new Cases.PatientInfo { Age = 45, Sex = "male", Pregnant = false });
        patientCase.Pain.Should().BeEquivalentTo(new Cases.PainInfo
        {
            Region = "lumbar", Pattern = "radicular", Laterality = "SNOMED:7771000", OnsetDate = new DateOnly(2026, 9, 14), Nrs = 8,
            DisabilityScale = "odi", DisabilityScore = 46,
        });
        patientCase.Exam.ImagingConcordant.Should().BeTrue();
        patientCase.Exam.MyelopathicSigns.Should().BeFalse();
        patientCase.Exam.Findings.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.ExamFinding { Test = "straight-leg-raise", Result = "positive", Side = "left" });
        patientCase.Diagnoses!.Select(d => d.Code).Should().Equal("ICD10CM:M51.26", "ICD10CM:I10", "ICD10CM:M54.16");
        patientCase.Diagnoses![0].Side.Should().Be("left");
        patientCase.RedFlags.Should().BeEmpty().And.NotBeNull();
        patientCase.Comorbidities.Should().BeEmpty().And.NotBeNull();
        patientCase.Allergies.Should().BeEmpty().And.NotBeNull();
        patientCase.Medications.Should().ContainSingle().Which.Class.Should().Be("RXNORM:5640");
        patientCase.ConservativeCare.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.ConservativeTherapy
        {
            Modality = "physical-therapy", StartDate = new DateOnly(2026, 9, 16), EndDate = new DateOnly(2026, 10, 21), Outcome = "failed",
        });
        patientCase.PriorProcedures.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.PriorProcedure
        {
            Procedure = "CPT:64483", Region = "lumbar", Approach = "transforaminal", Date = new DateOnly(2025, 6, 2), ReliefPercent = 60,
            ReliefDuration = 10, ReliefDurationUnit = "weeks",
        });
        patientCase.Imaging.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.ImagingStudy
        {
            Modality = "mri", Date = new DateOnly(2026, 10, 10), BodySite = "lumbar", Findings = [new Cases.ImagingFinding { Finding = "disc-herniation" }],
        });
        patientCase.Referral.RequestedProcedure.Should().Be("CPT:64483");
        patientCase.Trials.Should().BeNull();
        mapping.Unknown.Should().Contain(["patient.hospitalised", "trials"]);
        report.Disposition.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void Map_Labs_ConvertsUcumUnitsToCaseUnits()
    {
        var patientCase = Evaluate(LumbarRadicular).Case;

        patientCase.Labs.Should().BeEquivalentTo(new Cases.LabInfo
        {
            Inr = 1.1, InrDate = new DateOnly(2026, 10, 25), Platelets = 245, PlateletsDate = new DateOnly(2026, 10, 25),
            HbA1c = 7.0, HbA1cDate = new DateOnly(2026, 10, 25), Glucose = 108, GlucoseDate = new DateOnly(2026, 10, 25),
            Creatinine = 0.9, CreatinineDate = new DateOnly(2026, 10, 25),
        });
    }

    [Test]
    public void Map_RefutedAndEnteredInErrorConditions_AreIgnoredAndReported()
    {
        var (patientCase, mapping, _) = Evaluate(LumbarRadicular);

        patientCase.Diagnoses!.Select(d => d.Code).Should().NotContain(["ICD10CM:Z85.3", "ICD10CM:R50.9"]);
        mapping.Ignored.Should().Contain(new FhirIgnoredItem("Condition/refuted-cancer", FhirIgnoreReason.Refuted, "Condition verificationStatus refuted"));
        mapping.Ignored.Should().Contain(new FhirIgnoredItem("Condition/error-fever", FhirIgnoreReason.EnteredInError, "Condition verificationStatus entered-in-error"));
    }

    [Test]
    public void Map_ObservationAfterAssessmentDate_IsIgnoredAndTheLatestEarlierOneWins()
    {
        var (patientCase, mapping, _) = Evaluate(LumbarRadicular);

        patientCase.Pain.Nrs.Should().Be(8);
        mapping.Ignored.Should().Contain(i => i.Source == "Observation/nrs-future" && i.Reason == FhirIgnoreReason.AfterAssessmentDate);
        mapping.Ignored.Should().Contain(i => i.Source == "Observation/nrs-old" && i.Reason == FhirIgnoreReason.Superseded);
    }

    [Test]
    public void Map_ListEmptyReasonOtherThanNilKnown_LeavesTheListUnknown()
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), AllergyListEmpty.Replace("48765-2", "10160-0", StringComparison.Ordinal).Replace("nilknown", "notasked", StringComparison.Ordinal)));

        patientCase.Medications.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "List/allergy-list" && i.Detail.Contains("notasked"));
    }

    [Test]
    public void Map_ListEmptyReasonNilKnown_MakesTheListReviewedNone()
    {
        var patientCase = Evaluate(Bundle(Patient(), AllergyListEmpty)).Case;

        patientCase.Allergies.Should().NotBeNull().And.BeEmpty();
    }

    [Test]
    public void Map_NoAllergyResources_LeavesAllergiesUnknown()
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient()));

        patientCase.Allergies.Should().BeNull();
        mapping.Unknown.Should().Contain("allergies");
    }

    [Test]
    public void Map_NoAllergyResourcesInADeclaredCompleteSearch_MakesAllergiesReviewedNone()
    {
        var options = new FhirMappingOptions { CompleteResourceTypes = { "AllergyIntolerance" } };

        var patientCase = Evaluate(Bundle(Patient()), options).Case;

        patientCase.Allergies.Should().NotBeNull().And.BeEmpty();
    }

    [Test]
    public void Map_NoRedFlagConditions_LeavesTheRedFlagScreenUnknown()
    {
        var options = new FhirMappingOptions { CompleteResourceTypes = { "Condition" } };

        var (patientCase, _, report) = Evaluate(Bundle(Patient(), Condition("htn", Icd, "I10")), options);

        patientCase.RedFlags.Should().BeNull();
        report.InformationNeeded.Should().Contain(i => i.Datum.Contains("redFlag", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public void Map_ActiveConditionTheRedFlagSetClaims_AddsARedFlagThatWithholdsElectiveProcedures()
    {
        var (patientCase, _, report) = Evaluate(Bundle(Patient(), RedFlagCondition));

        patientCase.RedFlags.Should().ContainSingle().Which.Flag.Should().Be("unexplained-weight-loss");
        report.Alerts.Should().NotBeEmpty();
    }

    [Test]
    public void Map_ResolvedConditionTheRedFlagSetClaims_IsAHistoricalDiagnosisNotARedFlag()
    {
        var patientCase = Evaluate(Bundle(Patient(), Condition("wl", Icd, "R63.4", clinical: "resolved"))).Case;

        patientCase.RedFlags.Should().BeNull();
        patientCase.Diagnoses.Should().ContainSingle().Which.Status.Should().Be("historical");
    }

    [TestCase("provisional", "suspected")]
    [TestCase("confirmed", "confirmed")]
    [TestCase(null, null)]
    public void Map_ConditionVerificationStatus_SetsTheDiagnosisStatus(string? verification, string? expected)
    {
        var patientCase = Evaluate(Bundle(Patient(), Condition("c", Icd, "M51.16", verification))).Case;

        patientCase.Diagnoses.Should().ContainSingle().Which.Status.Should().Be(expected);
    }

    [Test]
    public void Map_ActiveConditionTheComorbiditySetClaims_AddsAComorbidity()
    {
        var patientCase = Evaluate(Bundle(Patient(), Condition("dm", Icd, "E11.65", clinical: "active"))).Case;

        patientCase.Comorbidities.Should().ContainSingle().Which.Condition.Should().Be("uncontrolled-diabetes");
    }

    [Test]
    public void Map_ConditionOfAnUndeclaredCodeSystem_IsKeptAsTextAndTheSystemReportedUnused()
    {
        const string condition = """{ "resourceType": "Condition", "id": "x", "code": { "coding": [{ "system": "http://example.org/local", "code": "LBP" }], "text": "Low back pain" } }""";

        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), condition));

        patientCase.Diagnoses.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.Diagnosis { Text = "Low back pain" });
        mapping.Ignored.Should().Contain(i => i.Source == "Condition/x" && i.Reason == FhirIgnoreReason.Unused && i.Detail.Contains("http://example.org/local"));
    }

    [Test]
    public void Map_ActiveAnticoagulantByRxNormIngredient_MapsTheClassAndTheRulesSeeIt()
    {
        var (patientCase, _, report) = Evaluate(Bundle(Patient(), Medication("apixaban", Rx, "1364430")));

        patientCase.Medications.Should().ContainSingle().Which.Class.Should().Be("RXNORM:1364430");
        report.Precautions.Select(p => p.Text).Concat(report.Withheld.Select(w => w.Text)).Should().Contain(t => t.Contains("anticoag", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public void Map_AntiplateletByAtcClass_MapsTheClass()
    {
        var patientCase = Evaluate(Bundle(Patient(), Medication("clopidogrel", Atc, "B01AC04"))).Case;

        patientCase.Medications.Should().ContainSingle().Which.Class.Should().Be("ATC:B01AC04");
    }

    [Test]
    public void Map_CurrentMedicationOfUnknownClass_LeavesTheMedicationListUnknown()
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), Medication("apixaban", Rx, "1364430"), Medication("lisinopril-scd", Rx, "314076")));

        patientCase.Medications.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "medications" && i.Detail.Contains("RXNORM:314076"));
    }

    [Test]
    public void Map_CurrentMedicationOfUnknownClassWithKeepOption_KeepsItAsItsCode()
    {
        var options = new FhirMappingOptions { KeepUnclassifiedMedications = true };

        var patientCase = Evaluate(Bundle(Patient(), Medication("lisinopril-scd", Rx, "314076")), options).Case;

        patientCase.Medications.Should().ContainSingle().Which.Class.Should().Be("RXNORM:314076");
    }

    [TestCase("stopped", FhirIgnoreReason.NotCurrent)]
    [TestCase("entered-in-error", FhirIgnoreReason.EnteredInError)]
    public void Map_MedicationNotCurrent_IsIgnoredAndReported(string status, FhirIgnoreReason reason)
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), Medication("apixaban", Rx, "1364430", status)));

        patientCase.Medications.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "MedicationRequest/apixaban" && i.Reason == reason);
    }

    [Test]
    public void Map_AllergyTheVocabularyClaims_ResolvesToTheAllergen()
    {
        var patientCase = Evaluate(Bundle(Patient(), Allergy("latex", Sct, "111088007"))).Case;

        patientCase.Allergies.Should().ContainSingle().Which.Substance.Should().Be("SNOMED:111088007");
    }

    [TestCase("refuted", FhirIgnoreReason.Refuted)]
    [TestCase("entered-in-error", FhirIgnoreReason.EnteredInError)]
    public void Map_AllergyRefutedOrInError_IsIgnoredAndAllergiesStayUnknown(string verification, FhirIgnoreReason reason)
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), Allergy("latex", Sct, "111088007", verification)));

        patientCase.Allergies.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "AllergyIntolerance/latex" && i.Reason == reason);
    }

    [TestCase("mg/dL", 110.0, 110.0)]
    [TestCase("mmol/L", 5.0, 90.0)]
    public void Map_GlucoseInAConvertibleUnit_IsConvertedToMgPerDl(string unit, double value, double expected)
    {
        var patientCase = Evaluate(Bundle(Patient(), Observation("g", "2345-7", Quantity(value, unit)))).Case;

        patientCase.Labs.Glucose.Should().Be(expected);
    }

    [TestCase("2345-7", "g/L")]
    [TestCase("777-3", "mg/dL")]
    [TestCase("4548-4", "mg/dL")]
    [TestCase("2160-0", "mmol/L")]
    [TestCase("72514-3", "mm")]
    public void Map_ReadingInAWrongUnit_IsIgnoredAsWrongUnitAndStaysUnknown(string loinc, string unit)
    {
        var (_, mapping, _) = Evaluate(Bundle(Patient(), Observation("o", loinc, Quantity(5, unit))));

        mapping.Ignored.Should().ContainSingle(i => i.Source == "Observation/o").Which.Reason.Should().Be(FhirIgnoreReason.WrongUnit);
        mapping.Mapped.Should().NotContain(i => i.Source == "Observation/o");
    }

    [TestCase(10.0, true)]
    [TestCase(10.5, false)]
    public void Map_NrsAtAndAboveTheScaleTop_IsMappedOnlyWithinTheRange(double nrs, bool mapped)
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), Observation("n", "72514-3", Quantity(nrs, "{score}"))));

        patientCase.Pain.Nrs.Should().Be(mapped ? nrs : null);
        mapping.Ignored.Any(i => i.Reason == FhirIgnoreReason.InvalidValue).Should().Be(!mapped);
    }

    [TestCase("entered-in-error", FhirIgnoreReason.EnteredInError)]
    [TestCase("preliminary", FhirIgnoreReason.NotCurrent)]
    public void Map_ObservationNotFinal_IsIgnored(string status, FhirIgnoreReason reason)
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), Observation("i", "6301-6", Quantity(2.5, "{INR}"), status: status)));

        patientCase.Labs.Inr.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "Observation/i" && i.Reason == reason);
    }

    [TestCase("2026-11-01", true)]
    [TestCase("2026-11-02", false)]
    public void Map_ObservationDatedOnAndAfterTheAssessmentDate_IsMappedOnlyUpToIt(string date, bool mapped)
    {
        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), Observation("i", "6301-6", Quantity(1.4, "{INR}"), date)));

        patientCase.Labs.Inr.Should().Be(mapped ? 1.4 : null);
        mapping.Ignored.Any(i => i.Reason == FhirIgnoreReason.AfterAssessmentDate).Should().Be(!mapped);
    }

    [TestCase("77386006", true)]
    [TestCase("60001007", false)]
    [TestCase("261665006", null)]
    public void Map_PregnancyStatus_MapsPregnantNotPregnantOrUnknown(string snomed, bool? expected)
    {
        var value = $$"""
            "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "{{snomed}}" }] }
            """;

        var patientCase = Evaluate(Bundle(Patient(), Observation("preg", "82810-3", value))).Case;

        patientCase.Patient.Pregnant.Should().Be(expected);
    }

    [Test]
    public void Map_InpatientEncounterInProgress_MarksTheContextHospitalised()
    {
        var patientCase = Evaluate(Bundle(Patient(), InpatientNow)).Case;

        patientCase.Patient.Hospitalised.Should().BeTrue();
    }

    [Test]
    public void Map_FinishedInpatientEncounter_LeavesHospitalisedUnknownUnlessEncountersAreDeclaredComplete()
    {
        var finished = InpatientNow.Replace("in-progress", "finished", StringComparison.Ordinal).Replace("\"start\": \"2026-10-30\"", "\"start\": \"2026-01-01\", \"end\": \"2026-01-05\"", StringComparison.Ordinal);

        var open = Evaluate(Bundle(Patient(), finished)).Case;
        var complete = Evaluate(Bundle(Patient(), finished), new FhirMappingOptions { CompleteResourceTypes = { "Encounter" } }).Case;

        open.Patient.Hospitalised.Should().BeNull();
        complete.Patient.Hospitalised.Should().BeFalse();
    }

    [Test]
    public void Map_TrialProcedure_MapsATrialResultWithItsDuration()
    {
        var patientCase = Evaluate(Bundle(Patient(), TrialProcedure)).Case;

        patientCase.Trials.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.TrialResult
        {
            Kind = "scs", Date = new DateOnly(2026, 10, 20), ReliefPercent = 60, DurationDays = 7, FunctionalImprovement = true,
        });
    }

    [Test]
    public void Map_ProcedureNoConceptClaims_IsReportedUnusedAndPriorProceduresStayUnknown()
    {
        const string dental = """{ "resourceType": "Procedure", "id": "d", "status": "completed", "code": { "coding": [{ "system": "http://snomed.info/sct", "code": "234946009" }] }, "performedDateTime": "2024-02-02" }""";

        var (patientCase, mapping, _) = Evaluate(Bundle(Patient(), dental));

        patientCase.PriorProcedures.Should().BeNull();
        mapping.Ignored.Should().Contain(i => i.Source == "Procedure/d" && i.Reason == FhirIgnoreReason.Unused);
    }

    [Test]
    public void Map_StandaloneImagingReport_GivesAStudyOfUnknownModalityWithItsFindings()
    {
        var patientCase = Evaluate(Bundle(Patient(), StandaloneImagingReport)).Case;

        patientCase.Imaging.Should().ContainSingle().Which.Should().BeEquivalentTo(new Cases.ImagingStudy
        {
            Date = new DateOnly(2026, 9, 1), Text = "XR lumbar spine", Findings = [new Cases.ImagingFinding { Finding = "spondylolisthesis" }],
        });
    }

    [Test]
    public void Map_QuestionnaireResponses_ReadNrsFromTheCompositionSectionAndNdiFromItsScoreCoding()
    {
        var patientCase = Evaluate(MskQuestionnaires).Case;

        patientCase.Pain.Nrs.Should().Be(7);
        patientCase.Pain.DisabilityScale.Should().Be("ndi");
        patientCase.Pain.DisabilityScore.Should().Be(40);
    }

    [Test]
    public void Map_BirthDate_GivesTheAgeInWholeYearsAtTheAssessmentDate()
    {
        var dayBefore = Map(Bundle(Patient("1976-11-02"))).Case;
        var birthday = Map(Bundle(Patient("1976-11-01"))).Case;

        dayBefore.Patient.Age.Should().Be(49);
        birthday.Patient.Age.Should().Be(50);
    }

    [Test]
    public void Map_SameBundleTwice_GivesIdenticalReports()
    {
        var first = Map(LumbarRadicular).Report;
        var second = Map(LumbarRadicular).Report;

        second.ToText().Should().Be(first.ToText());
    }

    [Test]
    public void Map_ParsedBundle_GivesTheSameCaseAsItsJson()
    {
        var bundle = new FhirJsonDeserializer().Deserialize<Hl7.Fhir.Model.Bundle>(LumbarRadicular);

        var fromObject = Mapper().Map(bundle, Assessed);
        var fromJson = Map(LumbarRadicular);

        fromObject.Case.Should().BeEquivalentTo(fromJson.Case);
    }
}
