using BenchmarkDotNet.Attributes;
using SpineDecision.Cases;
using SpineDecision.Reports;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// Warm evaluation of the typical case of each pathway (the samples/cases twins), against the hand-written floor:
/// the Ratio column is engine time over floor time for the same case.
/// </summary>
[WarmJob]
public class EvaluationBenchmarks
{
    private SpineDecisionEngine _engine = null!;
    private PatientCase _case = null!;

    [Params("esi", "facet-rfa", "scs", "red-flag", "missing-information")]
    public string Sample { get; set; } = "esi";

    [GlobalSetup]
    public void Setup()
    {
        _engine = SpineDecisionEngine.CreateDefault();
        _case = SampleCases.ByName(Sample);
        _engine.Evaluate(_case);
    }

    [Benchmark(Baseline = true, Description = "hand-written floor")]
    public HandWrittenReport HandWritten() => HandWrittenPathways.Evaluate(_case);

    [Benchmark(Description = "engine Evaluate")]
    public RecommendationReport Engine() => _engine.Evaluate(_case);
}
