using BenchmarkDotNet.Running;
using SpineDecision.Benchmarks;

// dotnet run -c Release --project tests/SpineDecision.Benchmarks -- --filter '*' [--short]
// --profile: a Stopwatch/allocation breakdown per stage and the Rete network's shape (seconds).
// --short: few launches and iterations, for a quick check (numbers are indicative only).
// Every other argument is BenchmarkDotNet's own (--filter, --list flat, --exporters, ...).
if (args.Contains("--profile"))
{
    Profiler.Run();
    return;
}

if (args.Contains("--short"))
{
    // Child benchmark processes inherit the environment, so every process sees the same job shape.
    Environment.SetEnvironmentVariable(BenchmarkJobs.ShortVariable, "1");
    args = [.. args.Where(a => a != "--short")];
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkJobs.GlobalConfig());
