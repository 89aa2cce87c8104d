using SpineDecision.Cases;
using SpineDecision.Facts;
using SpineDecision.Testing;
using SpineDecision.Tests.Engine;
using SampleCases = SpineDecision.Tests.Engine.SampleCases;

namespace SpineDecision.Tests.Performance;

/// <summary>
/// Several cases in one rule session (<see cref="BatchEvaluationOptions.CasesPerSession"/>): every result is the one a
/// session of its own gives, byte for byte, and a case that fails or runs away there changes no other case's result.
/// The 100,000-case proof is <c>--batch-check</c> in the benchmarks project (its README has the run).
/// </summary>
[TestFixture]
public sealed class BatchSessionTests
{
    private static readonly Lazy<SpineDecisionEngine> Engine = new(() => SpineDecisionEngine.CreateDefault());

    private static readonly Lazy<IReadOnlyList<PatientCase>> Cases = new(() => CaseGenerator.Generate(3_000, seed: 7));

    private static readonly EvaluationOptions Explain = new() { Explain = true };

    [TestCase(10, 1)]
    [TestCase(20, 1)]
    [TestCase(100, 1)]
    [TestCase(1_000, 1)]
    [TestCase(10, 2)]
    public void EvaluateBatch_SharedSessions_GiveTheReportsOfASessionPerCaseByteForByte(int casesPerSession, int threads)
    {
        var alone = Cases.Value.Select(c => Engine.Value.Evaluate(c, Explain).ToJson()).ToList();
        var options = new BatchEvaluationOptions { CasesPerSession = casesPerSession, MaxDegreeOfParallelism = threads, MaxInFlight = 2 * casesPerSession };

        var shared = Engine.Value.EvaluateBatch(Cases.Value, options, Explain).Select(r => r.Report!.ToJson()).ToList();

        shared.Should().Equal(alone);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void EvaluateBatch_RunawayCasesInASharedSession_FailAloneAndLeaveTheOthersUnchanged(int threads)
    {
        var engine = EvaluatorTests.LoopEngine.Value;
        var cervical = SampleCases.FacetRfa() with { Pain = SampleCases.FacetRfa().Pain with { Region = "cervical" } };
        var cases = Mixed(cervical, ("lumbar", 2), ("thoracic", 5));

        var results = engine.EvaluateBatch(cases, new BatchEvaluationOptions { CasesPerSession = cases.Length, MaxDegreeOfParallelism = threads }).ToList();

        results.Select(r => r.Succeeded).Should().Equal(cases.Select((_, i) => i is not 2 and not 5));
        results[2].Error.Should().BeOfType<RunawayRulesException>().Which.RuleIds.Should().Equal("LOOP-001");
        results[5].Error.Should().BeOfType<RunawayRulesException>().Which.RuleIds.Should().Equal("LOOP-A-001", "LOOP-B-001");
        Outcomes(engine, cases, results).Should().Equal(Outcomes(engine, cases, cases.Select(c => Alone(engine, c)).ToList()));
    }

    [Test]
    public void EvaluateBatch_FailingRulesInASharedSession_FailOnlyTheirCasesNamingTheRule()
    {
        var engine = EvaluatorTests.BoomEngine.Value;
        var cases = Mixed(SampleCases.FacetRfa(), ("cervical", 1), ("thoracic", 4));

        var results = engine.EvaluateBatch(cases, new BatchEvaluationOptions { CasesPerSession = cases.Length, MaxDegreeOfParallelism = 1 }).ToList();

        results[1].Error.Should().BeOfType<RuleEvaluationException>().Which.RuleId.Should().Be("BOOM-LHS-001");
        results[4].Error.Should().BeOfType<RuleEvaluationException>().Which.RuleId.Should().Be("BOOM-RHS-001");
        Outcomes(engine, cases, results).Should().Equal(Outcomes(engine, cases, cases.Select(c => Alone(engine, c)).ToList()));
        results.Where((_, i) => i is not 1 and not 4).Should().OnlyContain(r => r.Report!.Recommendations.Single().Rule.RuleId == "BOOM-OK-001");
    }

    /// <summary>The firing limit holds per case: a case that needs more firings than the limit fails as it does alone,
    /// even when the session's cases together stay within the limit times their number.</summary>
    [TestCase(12)]
    [TestCase(8)]
    public void EvaluateBatch_CasesOverTheFiringLimit_FailAsTheyDoAloneWhileTheOthersSucceed(int limit)
    {
        var engine = SpineDecisionEngine.Create(new SpineDecisionOptions { MaxRuleFirings = limit });
        var cases = Cases.Value.Take(300).ToArray();
        var alone = cases.Select(c => Alone(engine, c)).ToList();

        var shared = engine.EvaluateBatch(cases, new BatchEvaluationOptions { CasesPerSession = 100, MaxDegreeOfParallelism = 1, MaxInFlight = 200 }).ToList();

        alone.Should().Contain(r => r.Succeeded).And.Contain(r => r.Error is RunawayRulesException, "the limit falls inside the cases' range of firings");
        Outcomes(engine, cases, shared).Should().Equal(Outcomes(engine, cases, alone));
    }

    /// <summary>The batch network joins a list item to its case by the item's owner (one reference test, not a scan of
    /// the case's lists): every item fact built for a case names that case, and no other.</summary>
    [Test]
    public void CaseFactBuilder_Build_EveryListItemNamesTheCaseHoldingIt()
    {
        var vocabulary = Engine.Value.Compiled.Rules.Vocabulary;
        var built = Cases.Value.Take(200).Select(c => CaseFactBuilder.Build(c, vocabulary)).ToList();

        var items = built.SelectMany(f => f.Lists.SelectMany(l => l).Select(item => (Case: f, Item: (IItemFact)item))).ToList();

        items.Should().NotBeEmpty().And.OnlyContain(x => ReferenceEquals(x.Item.Owner, x.Case));
    }

    /// <summary>A shared session inserts its cases' facts in one call, case after case: each case's facts are exactly
    /// the ones a session of its own inserts, in the same order.</summary>
    [Test]
    public void Inserted_SeveralCases_IsEachCasesOwnFactsInOrder()
    {
        var compiled = Engine.Value.Compiled;
        var built = Cases.Value.Take(50).Select(c => CaseFactBuilder.Build(c, compiled.Rules.Vocabulary)).ToList();

        var together = compiled.Inserted(built);

        together.Should().Equal(built.SelectMany(compiled.Inserted), ReferenceEquals);
    }

    /// <summary>The case-keyed network is what keeps cases apart: identical cases but for one list item, in one session,
    /// where the item decides the disposition. Each case gets its own answer, not its neighbour's.</summary>
    [Test]
    public void EvaluateBatch_NeighboursDifferingInOneListItem_EachGetTheirOwnAnswer()
    {
        var with = SampleCases.FacetRfa();
        var without = with with { PriorProcedures = [] };
        var cases = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? with : without) with { Id = $"case-{i}" }).ToArray();
        var alone = cases.Select(c => Alone(Engine.Value, c)).ToList();

        var shared = Engine.Value.EvaluateBatch(cases, new BatchEvaluationOptions { CasesPerSession = cases.Length, MaxDegreeOfParallelism = 1 }).ToList();

        alone.Select(r => string.Join(",", r.Report!.Recommendations.Select(x => x.Rule.RuleId))).Distinct().Should().HaveCount(2, "the prior procedures decide the recommendation");
        Outcomes(Engine.Value, cases, shared).Should().Equal(Outcomes(Engine.Value, cases, alone));
    }

    [Test]
    public void EvaluateBatch_CasesPerSessionBelowOne_Throws()
    {
        var act = () => Engine.Value.EvaluateBatch(Cases.Value, new BatchEvaluationOptions { CasesPerSession = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("options.CasesPerSession");
    }

    /// <summary>Eight copies of a case, with the pain region changed at the given positions.</summary>
    private static PatientCase[] Mixed(PatientCase template, params (string Region, int At)[] changes)
    {
        var cases = Enumerable.Range(0, 8).Select(i => template with { Id = $"case-{i}" }).ToArray();
        foreach (var (region, at) in changes)
        {
            cases[at] = cases[at] with { Pain = template.Pain with { Region = region } };
        }

        return cases;
    }

    private static BatchEvaluationResult Alone(SpineDecisionEngine engine, PatientCase patientCase) =>
        engine.EvaluateBatch([patientCase], new BatchEvaluationOptions { CasesPerSession = 1, MaxDegreeOfParallelism = 1 }).Single();

    /// <summary>Each result as text: the report's JSON, or the error's type and message.</summary>
    private static List<string> Outcomes(SpineDecisionEngine engine, IReadOnlyList<PatientCase> cases, IReadOnlyList<BatchEvaluationResult> results)
    {
        results.Select(r => r.Case).Should().Equal(cases, (a, b) => ReferenceEquals(a, b), $"{engine.Profile}: results stay in input order");
        return [.. results.Select(r => r.Report?.ToJson() ?? $"{r.Error!.GetType().Name}: {r.Error.Message}")];
    }
}
