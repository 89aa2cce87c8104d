using BenchmarkDotNet.Running;
using SpineDecision.Benchmarks;

// dotnet run -c Release --project tests/SpineDecision.Benchmarks -- --filter '*' [--short]
// --peer-check: only check that the four peer engines agree on 20,000 generated cases (and on every growth shape).
// --cold-start ENGINE: construct + first evaluation in this fresh process (see Peer/PeerColdStart.cs).
// --cold-breakdown: CreateDefault + first evaluation stage by stage in this fresh process (see ColdBreakdown.cs).
// --batch-check [N]: evaluate N generated cases (default 100,000) one session per case and in shared sessions; compare the JSON.
// --profile: a Stopwatch/allocation breakdown per stage and the Rete network's shape (seconds); with --peer, only the
//   stages of the 9 peer criteria over generated cases (validation, facts and report: the outside-session share).
// --profile --batch [N]: where a shared batch session's time and bytes go, by cases per session (N cases, default 2,000).
// --report-json FILE: the JSON of 6,010 reports (generated cases and samples, explain off and on) and its SHA-256, to
//   compare two builds byte for byte.
// --fhir-probe [SECONDS]: FHIR mapping against one evaluation, best of 15 Stopwatch batches and exact bytes per call
//   (see FhirMappingBenchmarks.Probe); with SECONDS, Map (JSON) at 200 resources in a loop, for dotnet-trace.
// --short: few launches and iterations, for a quick check (numbers are indicative only).
// Every other argument is BenchmarkDotNet's own (--filter, --list flat, --exporters, ...).
if (args.Contains("--peer-check"))
{
    SpineDecision.Benchmarks.Peer.PeerCheck.Run();
    return 0;
}

if (args is ["--cold-start", var engine])
{
    SpineDecision.Benchmarks.Peer.PeerColdStart.Run(engine);
    return 0;
}

if (args is ["--cold-breakdown", ..])
{
    ColdBreakdown.Run(stageByStage: args.Contains("stages"));
    return 0;
}

if (args is ["--batch-time", var timed])
{
    return BatchCheck.Time(int.Parse(timed, System.Globalization.CultureInfo.InvariantCulture));
}

if (args is ["--batch-check", ..])
{
    return BatchCheck.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
}

if (args is ["--report-json", var path])
{
    ReportJsonDump.Run(path);
    return 0;
}

if (args is ["--profile", "--batch", ..])
{
    BatchProfile.Run(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2_000);
    return 0;
}

if (args is ["--fhir-probe", .. var rest])
{
    FhirMappingBenchmarks.Probe(rest is [var seconds] ? double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture) : null);
    return 0;
}

if (args.Contains("--profile"))
{
    Profiler.Run(peerOnly: args.Contains("--peer"));
    return 0;
}

if (args.Contains("--short"))
{
    // Child benchmark processes inherit the environment, so every process sees the same job shape.
    Environment.SetEnvironmentVariable(BenchmarkJobs.ShortVariable, "1");
    args = [.. args.Where(a => a != "--short")];
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkJobs.GlobalConfig());
return 0;
