using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SpineDecision.Benchmarks;

/// <summary>
/// The job shapes. Every benchmark class picks one with an attribute, so a full run stays under 15 minutes on a
/// 2-core machine; <c>--short</c> (see Program.cs) shrinks every shape for a quick check.
/// </summary>
public static class BenchmarkJobs
{
    public const string ShortVariable = "SPINEDECISION_BENCH_SHORT";

    public static bool IsShort => Environment.GetEnvironmentVariable(ShortVariable) == "1";

    /// <summary>Microsecond operations: the usual pilot, warm-up and measured iterations in one process.</summary>
    public static Job Warm => IsShort
        ? Job.ShortRun.WithId("Warm-short")
        : Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15).WithId("Warm");

    /// <summary>First call in a fresh process (nothing JIT-compiled, no caches): one invocation per launch.</summary>
    public static Job Cold => Job.Default.WithStrategy(RunStrategy.ColdStart)
        .WithLaunchCount(IsShort ? 3 : 12).WithWarmupCount(0).WithIterationCount(1).WithInvocationCount(1).WithUnrollFactor(1)
        .WithId(IsShort ? "Cold-short" : "Cold");

    /// <summary>Operations of 10 ms to seconds (compile, a whole batch): one invocation per iteration.</summary>
    public static Job Slow => Job.Default.WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1).WithWarmupCount(IsShort ? 1 : 3).WithIterationCount(IsShort ? 3 : 10)
        .WithId(IsShort ? "Slow-short" : "Slow");

    public static IConfig GlobalConfig() => ManualConfig.CreateEmpty()
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddColumn(StatisticColumn.Median)
        .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
        .AddExporter(MarkdownExporter.GitHub)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
        .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
        .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
        .WithOptions(ConfigOptions.DisableLogFile);
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class WarmJobAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(BenchmarkJobs.Warm);
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class ColdJobAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(BenchmarkJobs.Cold);
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class SlowJobAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(BenchmarkJobs.Slow).AddColumn(new CasesPerSecondColumn());
}

/// <summary>Throughput of a benchmark that evaluates <c>Cases</c> cases per invocation (from its median).</summary>
public sealed class CasesPerSecondColumn : IColumn
{
    public string Id => nameof(CasesPerSecondColumn);

    public string ColumnName => "Cases/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Cases evaluated per second (the Cases parameter divided by the median)";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(b => b.Parameters.Items.Any(p => p.Name == "Cases"));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var cases = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Cases")?.Value as int?;
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        return cases is null || median is null or <= 0
            ? "-"
            : (cases.Value / (median.Value / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
