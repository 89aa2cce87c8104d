using BenchmarkDotNet.Attributes;
using SpineDecision.Compilation;
using SpineDecision.Engine;
using SpineDecision.Language.Checking;
using SpineDecision.Reports;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// Cost growth with rule count: the default rules cloned 1×, 4× and 16× (see <see cref="SyntheticRules"/>). Warm
/// load+check and compile (FastExpressionCompiler, as the engine ships).
/// </summary>
[SlowJob]
public class GrowthCompileBenchmarks
{
    private IReadOnlyList<RuleSourceFile> _files = null!;
    private CheckedRuleBase _rules = null!;

    [Params(1, 4, 16)]
    public int Multiplier { get; set; } = 1;

    [Params(CloneMode.Dormant, CloneMode.Active)]
    public CloneMode Clones { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _files = SyntheticRules.Create(Multiplier, Clones);
        _rules = RuleBaseLoader.LoadAndCheck(_files).Rules;
    }

    [Benchmark(Description = "load+check")]
    public object LoadAndCheck() => RuleBaseLoader.LoadAndCheck(_files).Rules;

    [Benchmark(Description = "compile")]
    public object Compile() => RuleBaseCompiler.Compile(_rules, null);
}

/// <summary>
/// Cost growth with rule count: warm evaluation of the five sample cases (one invocation evaluates all five; the
/// time shown is per case) with the default rules cloned 1×, 4× and 16×.
/// </summary>
[WarmJob]
public class GrowthEvaluationBenchmarks
{
    private SpineDecisionEngine _engine = null!;

    [Params(1, 4, 16)]
    public int Multiplier { get; set; } = 1;

    [Params(CloneMode.Dormant, CloneMode.Active)]
    public CloneMode Clones { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new SpineDecisionOptions { IncludeDefaultRules = false };
        foreach (var file in SyntheticRules.Create(Multiplier, Clones))
        {
            options.RuleFiles.Add(file);
        }

        _engine = SpineDecisionEngine.Create(options);
        Evaluate();
    }

    [Benchmark(Description = "Evaluate (per case, 5 samples)", OperationsPerInvoke = 5)]
    public RecommendationReport Evaluate()
    {
        RecommendationReport last = null!;
        foreach (var name in SampleCases.Names)
        {
            last = _engine.Evaluate(SampleCases.ByName(name));
        }

        return last;
    }
}
