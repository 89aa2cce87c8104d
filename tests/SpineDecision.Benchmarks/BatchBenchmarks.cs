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
