using BenchmarkDotNet.Attributes;
using SpineDecision.Cases;
using SpineDecision.Reports;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// Warm evaluation with why-not off (the hot path, <see cref="EvaluationOptions.Default"/>) and on
/// (<see cref="EvaluationOptions.Explain"/>) for the same case. <c>esi-3-weeks</c> is the ESI sample with 3 weeks of
/// pain: not indicated, so why-not has the most to explain; <c>esi</c> recommends, so it explains only the other
/// procedures of the pathway.
/// </summary>
[WarmJob]
public class ExplainBenchmarks
{
    private static readonly EvaluationOptions Explain = new() { Explain = true };

    private SpineDecisionEngine _engine = null!;
    private PatientCase _case = null!;

    [Params("esi", "esi-3-weeks", "facet-rfa")]
    public string Sample { get; set; } = "esi";

    [GlobalSetup]
    public void Setup()
    {
        _engine = SpineDecisionEngine.CreateDefault();
        _case = Sample == "esi-3-weeks"
            ? SampleCases.EpiduralSteroid with { Pain = SampleCases.EpiduralSteroid.Pain! with { DurationWeeks = 3 } }
            : SampleCases.ByName(Sample);
        _engine.Evaluate(_case, Explain);   // compiles the why-not evaluators once, as a warm host would have
    }

    [Benchmark(Baseline = true, Description = "explain off")]
    public RecommendationReport ExplainOff() => _engine.Evaluate(_case);

    [Benchmark(Description = "explain on (why-not)")]
    public RecommendationReport ExplainOn() => _engine.Evaluate(_case, Explain);
}
