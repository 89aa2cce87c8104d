using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Reports;
using SpineDecision.Terminology;
using SpineDecision.Testing;

namespace SpineDecision.Tests.Performance;

[TestFixture]
public sealed class BatchEvaluationTests
{
    private static readonly Lazy<SpineDecisionEngine> Engine = new(() => SpineDecisionEngine.CreateDefault());

    private static readonly IReadOnlyList<PatientCase> Cases = CaseGenerator.Generate(400, seed: 42);

    private static readonly BatchEvaluationOptions TwoWorkers = new() { MaxDegreeOfParallelism = 2, MaxInFlight = 16 };

    [Test]
    public void EvaluateBatch_ManyCases_ReturnsResultsInInputOrder()
    {
        var results = Engine.Value.EvaluateBatch(Cases, TwoWorkers).ToList();

        results.Select(r => r.Index).Should().Equal(Enumerable.Range(0, Cases.Count).Select(i => (long)i));
        results.Select(r => r.Case).Should().Equal(Cases, (a, b) => ReferenceEquals(a, b));
        results.Should().OnlyContain(r => r.Succeeded);
    }

    [Test]
    public void EvaluateBatch_ManyCases_GivesTheSameReportsAsSequentialEvaluation()
    {
        var sequential = Cases.Select(c => Engine.Value.Evaluate(c).ToJson()).ToList();

        var parallel = Engine.Value.EvaluateBatch(Cases, new BatchEvaluationOptions { MaxDegreeOfParallelism = 4, MaxInFlight = 7 })
            .Select(r => r.Report!.ToJson()).ToList();

        parallel.Should().Equal(sequential);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void EvaluateBatch_BadCasesInTheMiddle_FailOnlyThoseCases(int parallelism)
    {
        var invalid = Cases[3] with { Pain = Cases[3].Pain with { Nrs = 11 } };
        PatientCase[] cases = [Cases[0], Cases[1], invalid, Cases[2], null!, Cases[4]];

        var results = Engine.Value.EvaluateBatch(cases, new BatchEvaluationOptions { MaxDegreeOfParallelism = parallelism }).ToList();

        results.Select(r => r.Succeeded).Should().Equal(true, true, false, true, false, true);
        results[2].Error.Should().BeOfType<InvalidCaseException>().Which.Problems.Should().ContainSingle(p => p.Path == "pain.nrs");
        results[2].Case.Should().BeSameAs(invalid);
        results[2].Report.Should().BeNull();
        results[4].Error.Should().BeOfType<InvalidCaseException>();
        results[4].Case.Should().BeNull();
        results[5].Report!.ToJson().Should().Be(Engine.Value.Evaluate(Cases[4]).ToJson());
    }

    [Test]
    public void EvaluateBatch_EveryCaseFailing_StillReturnsEveryResult()
    {
        var engine = SpineDecisionEngine.Create(new SpineDecisionOptions { MaxRuleFirings = 1 });

        var results = engine.EvaluateBatch(Cases.Take(50), TwoWorkers).ToList();

        results.Should().HaveCount(50);
        results.Where(r => !r.Succeeded).Should().NotBeEmpty().And.OnlyContain(r => r.Error is RunawayRulesException);
    }

    [Test]
    public void EvaluateBatch_CancelledMidway_ThrowsAndStopsReading()
    {
        using var cancellation = new CancellationTokenSource();
        var source = new CountingSource(Cases);
        var taken = 0;

        var act = () =>
        {
            foreach (var _ in Engine.Value.EvaluateBatch(source, TwoWorkers, cancellation.Token))
            {
                if (++taken == 20)
                {
                    cancellation.Cancel();
                }
            }
        };

        act.Should().Throw<OperationCanceledException>();
        taken.Should().Be(20);
        source.Read.Should().BeLessThanOrEqualTo(20 + TwoWorkers.MaxInFlight);
    }

    [Test]
    public void EvaluateBatch_AlreadyCancelled_ThrowsOnFirstResult()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var act = () => Engine.Value.EvaluateBatch(Cases, TwoWorkers, cancellation.Token).First();

        act.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void EvaluateBatch_WithProgress_ReportsEveryIntervalAndAtTheEnd()
    {
        var progress = new RecordingProgress();

        var results = Engine.Value.EvaluateBatch(Cases.Take(250), TwoWorkers with { Progress = progress, ProgressInterval = 100 }).ToList();

        results.Should().HaveCount(250);
        progress.Reports.Select(p => (p.Completed, p.Finished)).Should().Equal((100L, false), (200L, false), (250L, true));
        progress.Reports.Should().OnlyContain(p => p.Failed == 0 && p.Elapsed > TimeSpan.Zero);
        progress.Reports[^1].CasesPerSecond.Should().BePositive();
    }

    [Test]
    public void EvaluateBatch_SlowConsumer_NeverHoldsMoreThanMaxInFlightCases()
    {
        var source = new CountingSource(Cases);
        var options = new BatchEvaluationOptions { MaxDegreeOfParallelism = 2, MaxInFlight = 8 };
        var mostInFlight = 0L;

        foreach (var result in Engine.Value.EvaluateBatch(source, options))
        {
            // Read but not yet returned, this result included.
            var inFlight = source.Read - result.Index;
            mostInFlight = Math.Max(mostInFlight, inFlight);
            if (result.Index % 50 == 0)
            {
                Thread.Sleep(5);
            }
        }

        source.Read.Should().Be(Cases.Count);
        mostInFlight.Should().Be(options.MaxInFlight, "the window fills but never overflows");
    }

    [Test]
    public void EvaluateBatch_StoppedEarly_StopsReadingTheSource()
    {
        var source = new CountingSource(Cases);

        var first = Engine.Value.EvaluateBatch(source, TwoWorkers).Take(10).ToList();

        first.Should().HaveCount(10);
        source.Read.Should().BeLessThanOrEqualTo(10 + TwoWorkers.MaxInFlight);
    }

    [Test]
    public void EvaluateBatch_EnumeratedTwice_RunsTwice()
    {
        var batch = Engine.Value.EvaluateBatch(Cases.Take(30), TwoWorkers);

        batch.Select(r => r.Report!.ToJson()).Should().Equal(batch.Select(r => r.Report!.ToJson()));
    }

    [Test]
    public void EvaluateBatch_InvalidArguments_ThrowBeforeEnumeration()
    {
        Engine.Value.Invoking(e => e.EvaluateBatch(null!)).Should().Throw<ArgumentNullException>();
        Engine.Value.Invoking(e => e.EvaluateBatch(Cases, new BatchEvaluationOptions { MaxDegreeOfParallelism = 0 })).Should().Throw<ArgumentOutOfRangeException>();
        Engine.Value.Invoking(e => e.EvaluateBatch(Cases, new BatchEvaluationOptions { MaxInFlight = 0 })).Should().Throw<ArgumentOutOfRangeException>();
        Engine.Value.Invoking(e => e.EvaluateBatch(Cases, new BatchEvaluationOptions { ProgressInterval = 0 })).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void EvaluateBatch_InterfaceDefault_EvaluatesInOrderAndCarriesFailures()
    {
        ISpineDecisionEngine engine = new OnlyEvaluate(Engine.Value);
        PatientCase[] cases = [Cases[0], Cases[1] with { AssessmentDate = default }, Cases[2]];
        var progress = new RecordingProgress();

        var results = engine.EvaluateBatch(cases, new BatchEvaluationOptions { Progress = progress, ProgressInterval = 2 }).ToList();

        results.Select(r => r.Index).Should().Equal(0, 1, 2);
        results.Select(r => r.Succeeded).Should().Equal(true, false, true);
        results[1].Error.Should().BeOfType<InvalidCaseException>();
        progress.Reports.Select(p => (p.Completed, p.Failed, p.Finished)).Should().Equal((2L, 1L, false), (3L, 1L, true));
    }

    /// <summary>A source that counts how many cases have been read from it.</summary>
    private sealed class CountingSource(IEnumerable<PatientCase> cases) : IEnumerable<PatientCase>
    {
        private long _read;

        public long Read => Interlocked.Read(ref _read);

        public IEnumerator<PatientCase> GetEnumerator()
        {
            foreach (var c in cases)
            {
                Interlocked.Increment(ref _read);
                yield return c;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<BatchEvaluationProgress>
    {
        public List<BatchEvaluationProgress> Reports { get; } = [];

        public void Report(BatchEvaluationProgress value) => Reports.Add(value);
    }

    /// <summary>An engine that implements only the required members, as a host's decorator or fake would.</summary>
    private sealed class OnlyEvaluate(ISpineDecisionEngine inner) : ISpineDecisionEngine
    {
        public string Profile => inner.Profile;

        public ConceptVocabulary Vocabulary => inner.Vocabulary;

        public IReadOnlyList<string> Profiles => inner.Profiles;

        public string ContentHash => inner.ContentHash;

        public IReadOnlyList<RuleDiagnostic> Warnings => inner.Warnings;

        public IReadOnlyList<CaseProblem> Validate(PatientCase patientCase) => inner.Validate(patientCase);

        public RecommendationReport Evaluate(PatientCase patientCase) => inner.Evaluate(patientCase);

        public RecommendationReport Evaluate(PatientCase patientCase, EvaluationOptions options) => inner.Evaluate(patientCase, options);
    }
}
