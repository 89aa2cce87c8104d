using System.Collections.Concurrent;
using SpineDecision.Cases;

namespace SpineDecision.Tests.Engine;

/// <summary>Engine-level behaviour: determinism, thread safety, case validation and provenance.</summary>
[TestFixture]
public sealed class SpineDecisionEngineTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(SampleCases.FacetRfa(80)).SetArgDisplayNames("facet-rfa");
        yield return new TestCaseData(SampleCases.FacetRfa(79)).SetArgDisplayNames("facet-negative-block");
        yield return new TestCaseData(SampleCases.Esi(8) with { Allergies = [new Allergy { Substance = "corticosteroid" }], Medications = [new Medication { Name = "apixaban", Class = "anticoagulant" }] })
            .SetArgDisplayNames("esi-withheld");
        yield return new TestCaseData(SampleCases.Scs(psychEvaluation: null) with { RedFlags = [new RedFlagFinding { Flag = "fever" }, new RedFlagFinding { Flag = "night-pain" }] })
            .SetArgDisplayNames("scs-red-flags");
    }

    [TestCaseSource(nameof(Cases))]
    public void Evaluate_SameCaseTwice_GivesByteIdenticalJson(PatientCase patientCase)
    {
        var first = SharedEngines.Default.Evaluate(patientCase).ToJson();

        var second = SharedEngines.Default.Evaluate(patientCase).ToJson();

        second.Should().Be(first);
    }

    [TestCaseSource(nameof(Cases))]
    public void Evaluate_SameCaseOnTwoSeparatelyCreatedEngines_GivesByteIdenticalJson(PatientCase patientCase)
    {
        var other = SpineDecisionEngine.CreateDefault();

        var json = other.Evaluate(patientCase).ToJson();

        json.Should().Be(SharedEngines.Default.Evaluate(patientCase).ToJson());
    }

    [Test]
    public void Evaluate_200CasesInParallelOnOneEngine_MatchesTheSequentialResults()
    {
        var cases = Cases().Select(c => (PatientCase)c.Arguments[0]!).ToArray();
        var engine = SharedEngines.Default;
        var sequential = cases.Select(c => engine.Evaluate(c).ToJson()).ToArray();
        var parallel = new ConcurrentBag<(int Index, string Json)>();

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) },
            i => parallel.Add((i % cases.Length, engine.Evaluate(cases[i % cases.Length]).ToJson())));

        parallel.Should().HaveCount(200);
        parallel.Where(p => p.Json != sequential[p.Index]).Select(p => p.Index).Should().BeEmpty();
    }

    [Test]
    public void Evaluate_InvalidCase_ThrowsListingEveryProblem()
    {
        var patientCase = SampleCases.FacetRfa() with
        {
            Pain = SampleCases.FacetRfa().Pain with { Nrs = 11 },
            PriorProcedures =
            [
                new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = SampleCases.AssessmentDate.AddDays(-30), ReliefPercent = 140 },
                new PriorProcedure { Procedure = "medial-branch-block", Region = "lumbar", Date = SampleCases.AssessmentDate.AddDays(1), ReliefPercent = 90 },
            ],
        };

        var act = () => SharedEngines.Default.Evaluate(patientCase);

        var e = act.Should().Throw<InvalidCaseException>().Which;
        e.Problems.Select(p => p.Path).Should().Equal("pain.nrs", "priorProcedures[0].reliefPercent", "priorProcedures[1].date");
        e.Message.Should().Contain("3 problems");
    }

    [Test]
    public void Evaluate_CaseReadFromYaml_GivesTheSameReportAsTheSameCaseInCSharp()
    {
        const string yaml = """
            caseFormat: 2
            id: facet
            assessmentDate: 2026-11-01
            patient: { age: 61, sex: female }
            pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 40, nrs: 7, disabilityScale: odi, disabilityScore: 38 }
            diagnoses: [facet-arthropathy]
            conservativeCare: [{ modality: physical-therapy, weeks: 8, outcome: failed }]
            priorProcedures:
              - { procedure: medial-branch-block, region: lumbar, date: 2026-08-20, reliefPercent: 85 }
              - { procedure: medial-branch-block, region: lumbar, date: 2026-09-25, reliefPercent: 80 }
            redFlags: []
            medications: []
            allergies: []
            comorbidities: []
            """;
        var fromYaml = PatientCaseReader.Read(yaml, "facet.yaml");

        var report = SharedEngines.Default.Evaluate(fromYaml);

        report.ToJson().Should().Be(SharedEngines.Default.Evaluate(SampleCases.FacetRfa(80)).ToJson());
    }

    [Test]
    public void Evaluate_NullCase_ThrowsArgumentNullException()
    {
        var act = () => SharedEngines.Default.Evaluate(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Evaluate_AnyCase_ReportsProvenanceOfTheRulesAndProfile()
    {
        var engine = SharedEngines.Default;

        var report = engine.Evaluate(SampleCases.FacetRfa(80));

        report.Provenance.Profile.Should().Be("medicare");
        report.Provenance.ContentHash.Should().Be(engine.ContentHash).And.MatchRegex("^[0-9a-f]{64}$");
        report.Provenance.AssessmentDate.Should().Be(SampleCases.AssessmentDate);
        report.Provenance.RuleSets.Select(s => s.Id).Should().BeInAscendingOrder(StringComparer.Ordinal).And.Contain("facet");
    }

    [Test]
    public void CreateDefault_UnknownProfile_ThrowsWithDidYouMean()
    {
        var act = () => SpineDecisionEngine.CreateDefault("florida-blu");

        act.Should().Throw<RuleLoadException>().Which.Message.Should().Contain("did you mean 'florida-blue'?");
    }

    [Test]
    public void Create_MaxRuleFiringsBelowOne_Throws()
    {
        var act = () => SpineDecisionEngine.Create(new SpineDecisionOptions { MaxRuleFirings = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
