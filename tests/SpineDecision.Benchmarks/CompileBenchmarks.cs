using BenchmarkDotNet.Attributes;
using SpineDecision.Compilation;
using SpineDecision.Engine;
using SpineDecision.Language.Checking;

namespace SpineDecision.Benchmarks;

/// <summary>Warm (same process, JIT done) load+check and compile of the default rules, per expression compiler.</summary>
[SlowJob]
public class CompileBenchmarks
{
    private CheckedRuleBase _rules = null!;

    [GlobalSetup]
    public void Setup() => _rules = RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles).Rules;

    [Benchmark(Description = "load+check")]
    public object LoadAndCheck() => RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles).Rules;

    [Benchmark(Baseline = true, Description = "compile (built-in Expression.Compile)")]
    public object Compile_BuiltIn() => RuleBaseCompiler.Compile(_rules, null, useFastExpressionCompiler: false);

    [Benchmark(Description = "compile (FastExpressionCompiler)")]
    public object Compile_Fec() => RuleBaseCompiler.Compile(_rules, null, useFastExpressionCompiler: true);
}
