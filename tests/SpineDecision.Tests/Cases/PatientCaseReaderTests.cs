using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Yaml;

namespace SpineDecision.Tests.Cases;

public sealed class PatientCaseReaderTests
{
    private const string FullYaml = """
        id: case-001
        assessmentDate: 2025-03-01
        patient: { age: 54, sex: female, pregnant: false, hospitalised: false }
        pain:
          region: lumbar
          pattern: radicular
          laterality: left
          durationWeeks: 10
          nrs: 7
          disabilityScale: odi
          disabilityScore: 42
          worsening: true
        exam: { straightLegRaise: true, siProvocationPositive: 1, myelopathicSigns: false, imagingConcordant: true, rootLevelUncertain: false }
        labs: { inr: 1.1, platelets: 250, hbA1c: 6.2 }
        psychosocial: { evaluation: cleared, untreatedSubstanceUse: false, uncontrolledPsychiatricIllness: false, opioidReductionAgreed: true }
        diagnoses: [lumbar-radiculopathy, "ICD10CM:M51.16"]
        imaging:
          - { finding: disc-herniation, level: L4-L5, side: left, modality: mri, date: 2025-01-15, acute: false, heightLossPercent: 0 }
        conservativeCare:
          - { modality: physical-therapy, weeks: 6, outcome: failed }
        priorProcedures:
          - { procedure: transforaminal-esi, region: lumbar, date: 2024-11-01, levels: 1, side: left, painBefore: 8, painAfter: 4, reliefPercent: 50, reliefDurationWeeks: 6, functionalImprovementPercent: 30 }
          - { procedure: medial-branch-block, date: 2024-12-01, reliefPercent: 80 }
        redFlags:
          - saddle-anaesthesia
          - { flag: unexplained-weight-loss, explained: true }
        medications: [{ name: apixaban, class: anticoagulant }]
        allergies: [contrast]
        comorbidities: []
        trials: [{ kind: scs, date: 2025-02-01, reliefPercent: 60, durationDays: 7, functionalImprovement: true }]
        lifeExpectancyMonths: 120
        referralQuestion: surgical-planning
        """;

    private const string FullJson = """
        {
          "id": "case-001",
          "assessmentDate": "2025-03-01",
          "patient": { "age": 54, "sex": "female", "pregnant": false, "hospitalised": false },
          "pain": {
            "region": "lumbar", "pattern": "radicular", "laterality": "left", "durationWeeks": 10, "nrs": 7,
            "disabilityScale": "odi", "disabilityScore": 42, "worsening": true
          },
          "exam": { "straightLegRaise": true, "siProvocationPositive": 1, "myelopathicSigns": false, "imagingConcordant": true, "rootLevelUncertain": false },
          "labs": { "inr": 1.1, "platelets": 250, "hbA1c": 6.2 },
          "psychosocial": { "evaluation": "cleared", "untreatedSubstanceUse": false, "uncontrolledPsychiatricIllness": false, "opioidReductionAgreed": true },
          "diagnoses": ["lumbar-radiculopathy", "ICD10CM:M51.16"],
          "imaging": [
            { "finding": "disc-herniation", "level": "L4-L5", "side": "left", "modality": "mri", "date": "2025-01-15", "acute": false, "heightLossPercent": 0 }
          ],
          "conservativeCare": [{ "modality": "physical-therapy", "weeks": 6, "outcome": "failed" }],
          "priorProcedures": [
            { "procedure": "transforaminal-esi", "region": "lumbar", "date": "2024-11-01", "levels": 1, "side": "left", "painBefore": 8, "painAfter": 4,
              "reliefPercent": 50, "reliefDurationWeeks": 6, "functionalImprovementPercent": 30 },
            { "procedure": "medial-branch-block", "date": "2024-12-01", "reliefPercent": 80 }
          ],
          "redFlags": ["saddle-anaesthesia", { "flag": "unexplained-weight-loss", "explained": true }],
          "medications": [{ "name": "apixaban", "class": "anticoagulant" }],
          "allergies": ["contrast"],
          "comorbidities": [],
          "trials": [{ "kind": "scs", "date": "2025-02-01", "reliefPercent": 60, "durationDays": 7, "functionalImprovement": true }],
          "lifeExpectancyMonths": 120,
          "referralQuestion": "surgical-planning"
        }
        """;

    [Test]
    public void Read_YamlAndJsonForms_ReadToTheSameCase()
    {
        var fromYaml = PatientCaseReader.Read(FullYaml, "case.yaml");

        var fromJson = PatientCaseReader.Read(FullJson, "case.json");

        fromJson.Should().BeEquivalentTo(fromYaml, o => o.WithStrictOrdering());
    }

    [Test]
    public void Read_FullYaml_BindsEveryPart()
    {
        var patientCase = PatientCaseReader.Read(FullYaml, "case.yaml");

        patientCase.Should().BeEquivalentTo(
            new PatientCase
            {
                Id = "case-001",
                AssessmentDate = new DateOnly(2025, 3, 1),
                Patient = new PatientInfo { Age = 54, Sex = "female", Pregnant = false, Hospitalised = false },
                Pain = new PainInfo
                {
                    Region = "lumbar", Pattern = "radicular", Laterality = "left", DurationWeeks = 10, Nrs = 7,
                    DisabilityScale = "odi", DisabilityScore = 42, Worsening = true,
                },
                Exam = new ExamInfo
                {
                    Findings = [new ExamFinding { Test = "straight-leg-raise", Result = "positive" }], SiProvocationPositive = 1, MyelopathicSigns = false, ImagingConcordant = true,
                    RootLevelUncertain = false,
                },
                Labs = new LabInfo { Inr = 1.1, Platelets = 250, HbA1c = 6.2 },
                Psychosocial = new PsychosocialInfo
                {
                    Evaluation = "cleared", UntreatedSubstanceUse = false, UncontrolledPsychiatricIllness = false,
                    OpioidReductionAgreed = true,
                },
                Diagnoses = [new Diagnosis { Code = "lumbar-radiculopathy" }, new Diagnosis { Code = "ICD10CM:M51.16" }],
                Imaging =
                [
                    new ImagingStudy
                    {
                        Modality = "mri", Date = new DateOnly(2025, 1, 15),
                        Findings = [new ImagingFinding { Finding = "disc-herniation", Level = "L4-L5", Side = "left", Acute = false, HeightLossPercent = 0 }],
                    },
                ],
                ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = 6, Outcome = "failed" }],
                PriorProcedures =
                [
                    new PriorProcedure
                    {
                        Procedure = "transforaminal-esi", Region = "lumbar", Date = new DateOnly(2024, 11, 1), LevelCount = 1,
                        Side = "left", PainBefore = 8, PainAfter = 4, ReliefPercent = 50, ReliefDuration = 6, ReliefDurationUnit = "weeks",
                        FunctionalImprovementPercent = 30,
                    },
                    new PriorProcedure { Procedure = "medial-branch-block", Date = new DateOnly(2024, 12, 1), ReliefPercent = 80 },
                ],
                RedFlags =
                [
                    new RedFlagFinding { Flag = "saddle-anaesthesia" },
                    new RedFlagFinding { Flag = "unexplained-weight-loss", Explained = true },
                ],
                Medications = [new Medication { Name = "apixaban", Class = "anticoagulant" }],
                Allergies = [new Allergy { Substance = "contrast" }],
                Comorbidities = [],
                Trials =
                [
                    new TrialResult
                    {
                        Kind = "scs", Date = new DateOnly(2025, 2, 1), ReliefPercent = 60, DurationDays = 7, FunctionalImprovement = true,
                    },
                ],
                LifeExpectancyMonths = 120,
                Referral = new ReferralInfo { Question = "surgical-planning" },
            },
            o => o.WithStrictOrdering());
    }

    [Test]
    public void Read_MinimalCase_LeavesEveryOptionalDatumUnknown()
    {
        var patientCase = PatientCaseReader.Read("assessmentDate: 2025-03-01", "case.yaml");

        patientCase.Should().BeEquivalentTo(new PatientCase { AssessmentDate = new DateOnly(2025, 3, 1) });
    }

    [Test]
    public void Read_EmptyList_MeansReviewedNone()
    {
        var patientCase = PatientCaseReader.Read("assessmentDate: 2025-03-01\nredFlags: []", "case.yaml");

        patientCase.RedFlags.Should().NotBeNull().And.BeEmpty();
    }

    [TestCase("assessmentDate: 2025-03-01")]
    [TestCase("assessmentDate: 2025-03-01\nredFlags:")]
    [TestCase("assessmentDate: 2025-03-01\nredFlags: null")]
    public void Read_AbsentOrNullList_MeansNotDocumented(string yaml)
    {
        var patientCase = PatientCaseReader.Read(yaml, "case.yaml");

        patientCase.RedFlags.Should().BeNull();
    }

    [Test]
    public void Read_PlainStringRedFlag_MeansFlagWithoutWorkUp()
    {
        var patientCase = PatientCaseReader.Read("assessmentDate: 2025-03-01\nredFlags: [saddle-anaesthesia]", "case.yaml");

        patientCase.RedFlags.Should().Equal(new RedFlagFinding { Flag = "saddle-anaesthesia" });
    }

    [Test]
    public void Read_OutOfRangeValues_AreLeftToTheValidator()
    {
        var patientCase = PatientCaseReader.Read("assessmentDate: 2025-03-01\npain: { nrs: 11 }", "case.yaml");

        patientCase.Pain.Nrs.Should().Be(11);
    }

    [Test]
    public void Read_UnknownKey_ReportsDidYouMeanAtItsLineAndColumn()
    {
        const string yaml = "assessmentDate: 2025-03-01\npain:\n  region: lumbar\n  nrz: 7\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        var problem = act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle().Which;
        problem.Path.Should().Be("pain.nrz");
        problem.Message.Should().Contain("unknown key 'nrz'").And.Contain("(did you mean 'nrs'?)");
        problem.Location.Should().Be(new SourceLocation("case.yaml", 4, 3));
    }

    [Test]
    public void Read_UnknownTopLevelKey_ReportsDidYouMean()
    {
        const string yaml = "assessmentDate: 2025-03-01\npriorProcedure: []\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("(did you mean 'priorProcedures'?)");
    }

    [Test]
    public void Read_NonNumericNrs_ReportsTypeMismatchAtTheValue()
    {
        const string yaml = "assessmentDate: 2025-03-01\npain:\n  nrs: high\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new CaseProblem("pain.nrs", "'nrs' must be a number, not 'high'", new SourceLocation("case.yaml", 3, 8)));
    }

    [Test]
    public void Read_FractionalLevels_ReportsWholeNumberExpected()
    {
        const string yaml = "assessmentDate: 2025-03-01\npriorProcedures: [{ procedure: transforaminal-esi, levels: 1.5 }]\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Path.Should().Be("priorProcedures[0].levels");
    }

    [Test]
    public void Read_DateInAnotherFormat_ReportsTheExpectedFormat()
    {
        const string yaml = "assessmentDate: 01/03/2025\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("yyyy-MM-dd");
    }

    [Test]
    public void Read_MissingAssessmentDate_ReportsMissingKey()
    {
        const string yaml = "pain: { nrs: 7 }\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("missing the required key 'assessmentDate'");
    }

    [Test]
    public void Read_ProcedureWithoutProcedureKey_ReportsMissingKeyOnThatItem()
    {
        const string yaml = "assessmentDate: 2025-03-01\npriorProcedures:\n  - procedure: transforaminal-esi\n  - reliefPercent: 80\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        var problem = act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle().Which;
        problem.Path.Should().Be("priorProcedures[1]");
        problem.Message.Should().Contain("missing the required key 'procedure'");
        problem.Location!.Line.Should().Be(4);
    }

    [Test]
    public void Read_RequiredKeyWithNullValue_ReportsItMustHaveAValue()
    {
        const string yaml = "assessmentDate: 2025-03-01\nmedications: [{ name: apixaban, class: null }]\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Be("'class' must have a value (or 'text' for an item no concept covers)");
    }

    [Test]
    public void Read_ScalarWhereListExpected_ReportsWrongKind()
    {
        const string yaml = "assessmentDate: 2025-03-01\ndiagnoses: lumbar-radiculopathy\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Path = "diagnoses", Message = "'diagnoses' must be a list, not a value" });
    }

    [Test]
    public void Read_NullItemInList_ReportsIt()
    {
        const string yaml = "assessmentDate: 2025-03-01\nallergies: [contrast, null]\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Path.Should().Be("allergies[1]");
    }

    [Test]
    public void Read_SeveralProblems_ReportsThemAllInDocumentOrder()
    {
        const string yaml = """
            pain:
              nrs: high
              regoin: lumbar
            priorProcedures:
              - reliefPercent: lots
            """;

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Select(p => p.Path).Should().Equal(
            "(case)", "pain.nrs", "pain.regoin", "priorProcedures[0]", "priorProcedures[0].reliefPercent");
    }

    [Test]
    public void Read_SeveralProblems_ListsThemAllInTheExceptionMessage()
    {
        const string yaml = "pain: { nrs: high }\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().WithMessage("*2 problems*assessmentDate*case.yaml(1,14): pain.nrs: 'nrs' must be a number*");
    }

    [Test]
    public void Read_SyntaxError_ReportsItWithALocation()
    {
        const string yaml = "assessmentDate: 2025-03-01\npain: { nrs: 7\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Location.Should().NotBeNull().And.Match<SourceLocation>(l => l.File == "case.yaml" && l.Line >= 2);
    }

    [Test]
    public void Read_MalformedJson_ThrowsOnlyInvalidCaseException()
    {
        const string json = """{ "assessmentDate": "2025-03-01", "pain": { "nrs": 7, } ,, }""";

        var act = () => PatientCaseReader.Read(json, "case.json");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().NotBeEmpty();
    }

    [Test]
    public void Read_UnclosedFlowMappingBeforeMoreKeys_ThrowsOnlyInvalidCaseException()
    {
        const string yaml = "assessmentDate: 2025-03-01\npain: { nrs: 7\nexam: { straightLegRaise: true }\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().StartWith("YAML syntax error");
    }

    [Test]
    public void Read_Alias_IsRejected()
    {
        const string yaml = "assessmentDate: &d 2025-03-01\nimaging: [{ finding: disc-herniation, date: *d }]\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("anchors");
    }

    [Test]
    public void Read_EmptyText_ReportsAnEmptyCase()
    {
        var act = () => PatientCaseReader.Read("  \n", "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("empty");
    }

    [Test]
    public void Read_ListAtTheTop_ReportsTheCaseMustBeAMapping()
    {
        var act = () => PatientCaseReader.Read("- assessmentDate: 2025-03-01\n", "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Be("the case must be a mapping of keys to values, not a list");
    }

    [Test]
    public void Read_NullText_ThrowsArgumentNullException()
    {
        var act = () => PatientCaseReader.Read(null!, "case.yaml");

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Read_WithLocations_RecordsWhereEachDatumWasWritten()
    {
        var locations = new CaseLocations();

        PatientCaseReader.Read(FullYaml, "case.yaml", locations);

        locations.Get("priorProcedures[1].reliefPercent").Should().Be(new SourceLocation("case.yaml", 23, 72));
    }

    [Test]
    public void ReadFile_MissingFile_ThrowsInvalidCaseExceptionNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.yaml");

        var act = () => PatientCaseReader.ReadFile(path);

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain(path).And.Contain("does not exist");
    }

    [Test]
    public void ReadFile_ExistingFile_ReportsProblemsAtTheGivenPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "assessmentDate: 2025-03-01\npain: { nrs: high }\n");

        try
        {
            var act = () => PatientCaseReader.ReadFile(path);

            act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
                .Which.Location.Should().Be(new SourceLocation(path, 2, 14));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ReadFile_ExistingFile_ReadsTheCase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, FullJson);

        try
        {
            var patientCase = PatientCaseReader.ReadFile(path);

            patientCase.Id.Should().Be("case-001");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void TryRead_InvalidNode_ReturnsNullAndAddsDiagnostics()
    {
        var diagnostics = new DiagnosticBag();
        var node = YamlTreeReader.Read("given:\n  assessmentDate: 2025-03-01\n  pain: { nrs: high }\n", "scenario.yaml", diagnostics) as YMapping;
        var given = node!.Entries.Single().Value;

        var patientCase = PatientCaseReader.TryRead(given, new YamlBinder(diagnostics), null);

        patientCase.Should().BeNull();
        diagnostics.Items.Should().ContainSingle().Which.Location.Should().Be(new SourceLocation("scenario.yaml", 3, 16));
    }

    [Test]
    public void TryRead_ValidNode_ReturnsTheCaseWithoutDiagnostics()
    {
        var diagnostics = new DiagnosticBag();
        var node = YamlTreeReader.Read("given:\n  assessmentDate: 2025-03-01\n  pain: { nrs: 7 }\n", "scenario.yaml", diagnostics) as YMapping;
        var given = node!.Entries.Single().Value;

        var patientCase = PatientCaseReader.TryRead(given, new YamlBinder(diagnostics), null);

        patientCase!.Pain.Nrs.Should().Be(7);
        diagnostics.Items.Should().BeEmpty();
    }

    [Test]
    public void TryRead_AbsentNode_ReturnsNullWithoutDiagnostics()
    {
        var diagnostics = new DiagnosticBag();

        var patientCase = PatientCaseReader.TryRead(null, new YamlBinder(diagnostics), null);

        patientCase.Should().BeNull();
        diagnostics.Items.Should().BeEmpty();
    }
}
