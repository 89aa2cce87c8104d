using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Model;

namespace SpineDecision.Tests.Cases;

public sealed class CaseValidatorTests
{
    private static readonly DateOnly AssessmentDate = new(2025, 3, 1);

    private static readonly Vocabulary Vocabulary = new(
    [
        Concept("region", "lumbar"),
        Concept("region", "cervical"),
        Concept("pain-pattern", "radicular"),
        Concept("side", "left"),
        Concept("side", "right"),
        Concept("disability-scale", "odi"),
        Concept("disability-scale", "rdq"),
        Concept("diagnosis", "lumbar-radiculopathy", "ICD10CM:M51.16", "ICD10CM:M54.16"),
        Concept("procedure", "transforaminal-esi", "CPT:64483"),
        Concept("procedure", "medial-branch-block"),
        Concept("red-flag", "saddle-anaesthesia"),
        Concept("medication-class", "anticoagulant"),
    ],
    codeSystems:
    [
        new CodeSystemDef("ICD10CM", "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM", new SourceLocation("vocabulary.yaml", 1, 1)),
        new CodeSystemDef("CPT", "http://www.ama-assn.org/go/cpt", "CPT", new SourceLocation("vocabulary.yaml", 2, 1)),
    ]);

    [Test]
    public void Validate_ValidCase_ReturnsNoProblems()
    {
        var patientCase = ValidCase();

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Validate_ValidCaseAfterAnInvalidOne_ReportsNothingAndLeavesTheFirstProblemsIntact()
    {
        var invalid = ValidCase() with { Pain = new PainInfo { Nrs = 11 } };
        var first = CaseValidator.Validate(invalid, Vocabulary);

        var second = CaseValidator.Validate(ValidCase(), Vocabulary);

        second.Should().BeEmpty();
        first.Should().Equal(new CaseProblem("pain.nrs", "must be between 0 and 10, not 11"));
    }

    [Test]
    public void Validate_ValidCase_AllocatesNothing()
    {
        var patientCase = ValidCase();
        for (var i = 0; i < 3; i++)
        {
            CaseValidator.Validate(patientCase, Vocabulary, null, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        CaseValidator.Validate(patientCase, Vocabulary, null, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
    }

    [Test]
    public void Validate_ValidCaseWithSpinalLevels_AllocatesNothing()
    {
        var patientCase = ValidCase() with
        {
            PriorProcedures = [new PriorProcedure { Procedure = "medial-branch-block", Levels = ["L4-L5", "L5/S1; L3-5"] }],
            Referral = new ReferralInfo { RequestedProcedure = "medial-branch-block", Levels = ["L4-S1"] },
        };
        for (var i = 0; i < 3; i++)
        {
            CaseValidator.Validate(patientCase, Vocabulary, null, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var problems = CaseValidator.Validate(patientCase, Vocabulary, null, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        problems.Should().BeEmpty();
        allocated.Should().Be(0);
    }

    [Test]
    public void Validate_Nrs11_ReportsOutOfRange()
    {
        var patientCase = ValidCase() with { Pain = new PainInfo { Nrs = 11 } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("pain.nrs", "must be between 0 and 10, not 11"));
    }

    [Test]
    public void Validate_Relief140_ReportsOutOfRange()
    {
        var patientCase = ValidCase() with { PriorProcedures = [new PriorProcedure { Procedure = "medial-branch-block", ReliefPercent = 140 }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("priorProcedures[0].reliefPercent", "must be between 0 and 100, not 140"));
    }

    [Test]
    public void Validate_DateAfterAssessmentDate_ReportsIt()
    {
        var patientCase = ValidCase() with
        {
            Imaging = [new ImagingStudy { Modality = "mri", Date = AssessmentDate.AddDays(1), Findings = [new ImagingFinding { Finding = "disc-herniation" }] }],
        };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("imaging[0].date", "2025-03-02 is after the assessment date 2025-03-01"));
    }

    [Test]
    public void Validate_DateOnTheAssessmentDate_IsAccepted()
    {
        var patientCase = ValidCase() with { Trials = [new TrialResult { Kind = "scs", Date = AssessmentDate }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Validate_UnknownConcept_ReportsItWithDidYouMean()
    {
        var patientCase = ValidCase() with { Pain = new PainInfo { Region = "lumbr" } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("pain.region", "'lumbr' is not a concept of the 'region' set (did you mean 'lumbar'?)"));
    }

    [Test]
    public void Validate_ProblemsAtTheCap_ListsEveryOne()
    {
        var patientCase = ValidCase() with { Diagnoses = UnknownDiagnoses(CaseValidator.MaxListedProblems) };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().HaveCount(CaseValidator.MaxListedProblems)
            .And.OnlyContain(p => p.Message.Contains("is not a concept of the 'diagnosis' set", StringComparison.Ordinal));
    }

    [Test]
    public void Validate_ProblemsPastTheCap_ListsTheFirstAndCountsTheRest()
    {
        var patientCase = ValidCase() with { Diagnoses = UnknownDiagnoses(CaseValidator.MaxListedProblems + 1) };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().HaveCount(CaseValidator.MaxListedProblems + 1);
        problems[^2].Path.Should().Be($"diagnoses[{CaseValidator.MaxListedProblems - 1}].code");
        problems[^1].Should().Be(new CaseProblem("(case)", $"has 1 more problem; only the first {CaseValidator.MaxListedProblems} are listed: correct these and validate again"));
    }

    [Test]
    public void Validate_TenThousandUnknownConcepts_CountsEveryUnlistedProblem()
    {
        var patientCase = ValidCase() with { Diagnoses = UnknownDiagnoses(10_000) };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems[^1].Message.Should().StartWith($"has {10_000 - CaseValidator.MaxListedProblems:N0} more problems");
    }

    private static ImmutableArray<Diagnosis> UnknownDiagnoses(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Diagnosis { Code = $"unknown-diagnosis-{i}" })];

    [Test]
    public void Validate_DiagnosisWrittenAsCode_ResolvesToItsConcept()
    {
        var patientCase = ValidCase() with { Diagnoses = [new Diagnosis { Code = "ICD10CM:M51.16" }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Validate_CodeOfAnotherSet_IsAcceptedAsAnUnclaimedCode()
    {
        var patientCase = ValidCase() with { Diagnoses = [new Diagnosis { Code = "CPT:64483" }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Validate_UnclaimedCodeOfAKnownSystem_IsAccepted()
    {
        var patientCase = ValidCase() with { Diagnoses = [new Diagnosis { Code = "ICD10CM:I10" }, new Diagnosis { Code = "ICD10CM:M51.16" }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Validate_CodeOfAnUnknownSystem_ReportsItNamingTheKnownSystems()
    {
        var patientCase = ValidCase() with { Diagnoses = [new Diagnosis { Code = "ICD9CM:724.2" }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("diagnoses[0].code",
            "'ICD9CM:724.2' is written in the unknown code system 'ICD9CM' (did you mean 'ICD10CM'?); the code systems are: CPT, ICD10CM"));
    }

    [Test]
    public void Validate_SetTheVocabularyDoesNotDeclare_SkipsTheConceptCheck()
    {
        var patientCase = ValidCase() with { Referral = new ReferralInfo { Question = "anything-at-all" } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Validate_DefaultAssessmentDate_ReportsItIsRequired()
    {
        var patientCase = ValidCase() with { AssessmentDate = default };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().ContainSingle().Which.Path.Should().Be("assessmentDate");
    }

    [Test]
    public void Validate_NullRequiredString_ReportsItIsRequired()
    {
        var patientCase = ValidCase() with { PriorProcedures = [new PriorProcedure { Procedure = null! }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("priorProcedures[0].procedure", "is required; write a concept of the 'procedure' set or a code, or 'text' for an item no concept covers"));
    }

    [Test]
    public void Validate_NullListItem_ReportsIt()
    {
        var patientCase = ValidCase() with { Medications = [null!] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().ContainSingle().Which.Path.Should().Be("medications[0]");
    }

    [Test]
    public void Validate_ReliefDisagreeingWithPainScores_ReportsIt()
    {
        var patientCase = ValidCase() with
        {
            PriorProcedures = [new PriorProcedure { Procedure = "medial-branch-block", PainBefore = 8, PainAfter = 4, ReliefPercent = 80 }],
        };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Path = "priorProcedures[0].reliefPercent", Message = "is 80, but pain from 8 to 4 is 50 % relief; correct reliefPercent, painBefore or painAfter" });
    }

    [Test]
    public void Validate_ReliefWithinOnePointOfPainScores_IsAccepted()
    {
        var patientCase = ValidCase() with
        {
            PriorProcedures = [new PriorProcedure { Procedure = "medial-branch-block", PainBefore = 3, PainAfter = 1, ReliefPercent = 67 }],
        };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [Test]
    public void Validate_RdqScoreAbove24_ReportsOutOfRange()
    {
        var patientCase = ValidCase() with { Pain = new PainInfo { DisabilityScale = "rdq", DisabilityScore = 30 } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("pain.disabilityScore", "must be between 0 and 24, not 30"));
    }

    [Test]
    public void Validate_OdiScoreAbove24_IsAccepted()
    {
        var patientCase = ValidCase() with { Pain = new PainInfo { DisabilityScale = "odi", DisabilityScore = 30 } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().BeEmpty();
    }

    [TestCase(0.4, null, null, "labs.inr")]
    [TestCase(null, 2001.0, null, "labs.platelets")]
    [TestCase(null, null, 2.9, "labs.hbA1c")]
    public void Validate_LabOutOfRange_ReportsIt(double? inr, double? platelets, double? hbA1c, string path)
    {
        var patientCase = ValidCase() with { Labs = new LabInfo { Inr = inr, Platelets = platelets, HbA1c = hbA1c } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().ContainSingle().Which.Path.Should().Be(path);
    }

    [Test]
    public void Validate_NegativeWeeks_ReportsIt()
    {
        var patientCase = ValidCase() with { ConservativeCare = [new ConservativeTherapy { Modality = "physical-therapy", Weeks = -2 }] };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().Equal(new CaseProblem("conservativeCare[0].weeks", "must be between 0 and 5200, not -2"));
    }

    [Test]
    public void Validate_NotANumber_ReportsIt()
    {
        var patientCase = ValidCase() with { Pain = new PainInfo { Nrs = double.NaN } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Should().ContainSingle().Which.Path.Should().Be("pain.nrs");
    }

    [Test]
    public void Validate_SeveralProblems_ReportsThemAllInModelOrder()
    {
        var patientCase = ValidCase() with
        {
            Patient = new PatientInfo { Age = 140 },
            Pain = new PainInfo { Nrs = 11 },
            Exam = new ExamInfo { SiProvocationPositive = 7 },
            PriorProcedures =
            [
                new PriorProcedure { Procedure = "medial-branch-blok", Date = AssessmentDate.AddDays(3), ReliefPercent = 140 },
            ],
            RedFlags = [new RedFlagFinding { Flag = "saddle-anesthesia" }],
        };

        var problems = CaseValidator.Validate(patientCase, Vocabulary);

        problems.Select(p => p.Path).Should().Equal(
            "patient.age",
            "pain.nrs",
            "exam.siProvocationPositive",
            "priorProcedures[0].procedure",
            "priorProcedures[0].date",
            "priorProcedures[0].reliefPercent",
            "redFlags[0].flag");
    }

    [Test]
    public void Validate_CaseReadFromYaml_LocatesEachProblemWhereItWasWritten()
    {
        const string yaml = """
            assessmentDate: 2025-03-01
            pain:
              region: lumbar
              nrs: 11
            priorProcedures:
              - { procedure: medial-branch-block, reliefPercent: 140 }
            """;
        var locations = new CaseLocations();
        var patientCase = PatientCaseReader.Read(yaml, "case.yaml", locations);

        var problems = CaseValidator.Validate(patientCase, Vocabulary, locations);

        problems.Select(p => p.Location).Should().Equal(
            new SourceLocation("case.yaml", 4, 8),
            new SourceLocation("case.yaml", 6, 54));
    }

    [Test]
    public void Validate_MalformedLevels_ReportsEachWhereItWasWritten()
    {
        const string yaml = """
            caseFormat: 2
            assessmentDate: 2025-03-01
            priorProcedures:
              - { procedure: medial-branch-block, levels: [L4-L5, L5-1] }
            imaging:
              - { modality: mri, findings: [{ finding: disc-herniation, level: L6-S1 }] }
            """;
        var locations = new CaseLocations();
        var patientCase = PatientCaseReader.Read(yaml, "case.yaml", locations);

        var problems = CaseValidator.Validate(patientCase, Vocabulary, locations);

        problems.Where(p => p.Message.Contains("not a spinal level", StringComparison.Ordinal)).Select(p => (p.Path, p.Location)).Should().Equal(
            ("imaging[0].findings[0].level", new SourceLocation("case.yaml", 6, 68)),
            ("priorProcedures[0].levels[1]", new SourceLocation("case.yaml", 4, 55)));
    }

    [Test]
    public void Validate_ProblemWithAnAbsentDatum_IsLocatedAtItsNearestWrittenParent()
    {
        const string yaml = """
            assessmentDate: 2025-03-01
            priorProcedures:
              - procedure: medial-branch-block
                reliefPercent: 50
            """;
        var locations = new CaseLocations();
        var patientCase = PatientCaseReader.Read(yaml, "case.yaml", locations) with { Pain = new PainInfo { Nrs = 12 } };

        var problems = CaseValidator.Validate(patientCase, Vocabulary, locations);

        problems.Should().ContainSingle().Which.Location.Should().Be(new SourceLocation("case.yaml", 1, 1));
    }

    private static PatientCase ValidCase() => new()
    {
        AssessmentDate = AssessmentDate,
        Patient = new PatientInfo { Age = 54, Sex = "female" },
        Pain = new PainInfo
        {
            Region = "lumbar", Pattern = "radicular", Laterality = "left", DurationWeeks = 10, Nrs = 7,
            DisabilityScale = "odi", DisabilityScore = 42,
        },
        Labs = new LabInfo { Inr = 1.1, Platelets = 250, HbA1c = 6.2 },
        Diagnoses = [new Diagnosis { Code = "lumbar-radiculopathy" }],
        PriorProcedures =
        [
            new PriorProcedure
            {
                Procedure = "transforaminal-esi", Region = "lumbar", Date = new DateOnly(2024, 11, 1), Side = "left",
                PainBefore = 8, PainAfter = 4, ReliefPercent = 50,
            },
        ],
        RedFlags = [],
        Medications = [new Medication { Name = "apixaban", Class = "anticoagulant" }],
    };

    private static Concept Concept(string set, string id, params string[] codes) =>
        new(id, set, id, [.. codes], ImmutableArray<string>.Empty, new SourceLocation("vocabulary.yaml", 1, 1));
}
