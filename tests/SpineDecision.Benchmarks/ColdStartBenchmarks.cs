using BenchmarkDotNet.Attributes;
using SpineDecision.Compilation;
using SpineDecision.Engine;
using SpineDecision.Reports;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// Cold start: each measurement is the first call in a fresh process (BenchmarkDotNet's ColdStart strategy, one
/// invocation per launch), so it includes JIT compilation of the loader, checker and compiler, reading the embedded
/// rule files and NRules' own start-up.
/// </summary>
[ColdJob]
public class ColdStartBenchmarks
{
    [Benchmark(Baseline = true, Description = "load+check+compile (built-in Expression.Compile)")]
    public object LoadCheckCompile_BuiltIn()
    {
        var (rules, _) = RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles);
        return RuleBaseCompiler.Compile(rules, null, useFastExpressionCompiler: false);
    }

    [Benchmark(Description = "load+check+compile (FastExpressionCompiler)")]
    public object LoadCheckCompile_Fec()
    {
        var (rules, _) = RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles);
        return RuleBaseCompiler.Compile(rules, null, useFastExpressionCompiler: true);
    }

    [Benchmark(Description = "CreateDefault + first Evaluate")]
    public RecommendationReport TimeToFirstReport() => SpineDecisionEngine.CreateDefault().Evaluate(SampleCases.EpiduralSteroid);
}
