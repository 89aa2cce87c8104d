using BenchmarkDotNet.Attributes;
using SpineDecision.Cases;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// Batch throughput over generated cases (the default mix of every pathway, seeded): the engine's parallel batch API
/// on all cores against one-at-a-time evaluation and the hand-written floor on all cores. Cases/s is Cases ÷ median.
/// </summary>
[SlowJob]
public class BatchBenchmarks
{
    private SpineDecisionEngine _engine = null!;
    private IReadOnlyList<PatientCase> _cases = null!;

    [Params(20_000)]
    public int Cases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = SpineDecisionEngine.CreateDefault();
        _cases = CaseGenerator.Generate(Cases);
        foreach (var c in _cases.Take(500))
        {
            _engine.Evaluate(c);
        }
    }

    [Benchmark(Baseline = true, Description = "hand-written floor, Parallel.For")]
    public int HandWritten_AllCores()
    {
        var recommended = 0;
        Parallel.For(0, _cases.Count, () => 0, (i, _, count) => count + HandWrittenPathways.Evaluate(_cases[i]).Recommendations.Length,
            count => Interlocked.Add(ref recommended, count));
        return recommended;
    }

    [Benchmark(Description = "engine Evaluate, one thread")]
    public int Engine_Sequential()
    {
        var recommended = 0;
        foreach (var c in _cases)
        {
            recommended += _engine.Evaluate(c).Recommendations.Length;
        }

        return recommended;
    }

    [Benchmark(Description = "engine EvaluateBatch, all cores")]
    public int Engine_Batch()
    {
        var recommended = 0;
        foreach (var result in _engine.EvaluateBatch(_cases))
        {
            recommended += result.Report?.Recommendations.Length ?? 0;
        }

        return recommended;
    }
}

/// <summary>
/// Cases per session (issue 15 item 2): the default rules on generated cases through <c>EvaluateBatch</c>, with 1, 10,
/// 20 (the default), 100 and 1,000 cases sharing one session of the case-keyed network, on one thread and on all cores. Per case
/// (OperationsPerInvoke); the baseline is a session per case on one thread. The setup checks that every chunk size
/// gives the same reports, byte for byte, as <c>Evaluate</c>. Short job, in process (a loaded 2-core machine).
/// </summary>
[Peer.PeerJob]
public class BatchSessionBenchmarks
{
    private const int Cases = 2_000;
    private SpineDecisionEngine _engine = null!;
    private IReadOnlyList<PatientCase> _cases = null!;
    private BatchEvaluationOptions _options = null!;

    [Params(1, 10, 20, 100, 1_000)]
    public int CasesPerSession { get; set; } = 1;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _engine = SpineDecisionEngine.CreateDefault();
        _cases = CaseGenerator.Generate(Cases);
        _options = new BatchEvaluationOptions { CasesPerSession = CasesPerSession, MaxDegreeOfParallelism = Threads, MaxInFlight = Math.Max(256, 2 * CasesPerSession) };
        foreach (var result in _engine.EvaluateBatch(_cases, _options))
        {
            var alone = _engine.Evaluate(_cases[(int)result.Index]).ToJson();
            if (result.Report?.ToJson() != alone)
            {
                throw new InvalidOperationException($"case {result.Index}: {CasesPerSession} per session differs from a session of its own");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "EvaluateBatch", OperationsPerInvoke = Cases)]
    public int Batch()
    {
        var recommended = 0;
        foreach (var result in _engine.EvaluateBatch(_cases, _options))
        {
            recommended += result.Report?.Recommendations.Length ?? 0;
        }

        return recommended;
    }
}
