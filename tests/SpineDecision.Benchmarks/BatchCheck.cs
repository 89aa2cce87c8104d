using System.Diagnostics;
using System.Globalization;
using SpineDecision.Cases;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// <c>--batch-check [cases]</c>: the proof that sharing a session changes no result. Evaluates generated cases (default
/// 100,000) one session per case, then in batches of 10, 20, 100 and 1,000 cases per session on one thread and of 20 on
/// all cores, and compares every report's JSON (with explanations) byte for byte. Also prints time and bytes per case for
/// each chunk size on one thread (indicative: BatchBenchmarks gives the measured figures).
/// </summary>
public static class BatchCheck
{
    public static int Run(int count)
    {
        var engine = SpineDecisionEngine.CreateDefault();
        var explain = new EvaluationOptions { Explain = true };
        var cases = CaseGenerator.Generate(count);
        Console.WriteLine($"{count:N0} generated cases; one session per case first");
        var clock = Stopwatch.StartNew();
        var expected = new string[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            expected[i] = Json(engine, cases[i], explain);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds:F1} s"));
        var failures = 0;
        foreach (var (perSession, parallelism) in new[] { (10, 1), (20, 1), (100, 1), (1_000, 1), (20, Environment.ProcessorCount) })
        {
            var options = new BatchEvaluationOptions { CasesPerSession = perSession, MaxDegreeOfParallelism = parallelism, MaxInFlight = Math.Max(256, 2 * perSession) };
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            var differing = 0;
            long index = 0;
            foreach (var result in engine.EvaluateBatch(cases, options, explain))
            {
                var actual = result.Report?.ToJson() ?? result.Error!.GetType().Name + ": " + result.Error.Message;
                if (result.Index != index || actual != expected[index])
                {
                    if (differing++ < 3)
                    {
                        Console.WriteLine($"  case {index} differs:\n    one session: {Cut(expected[index])}\n    batch:       {Cut(actual)}");
                    }
                }

                index++;
            }

            var perCase = clock.Elapsed.TotalMicroseconds / cases.Count;
            var allocated = parallelism == 1 ? $"{(GC.GetAllocatedBytesForCurrentThread() - bytes) / cases.Count:N0} B/case (with explanations)" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {perSession,5} per session, {parallelism} thread(s): {index:N0} results, {differing} differ; {perCase:F1} µs/case {allocated}"));
            failures += differing + (index == cases.Count ? 0 : 1);
        }

        Console.WriteLine(failures == 0 ? "identical" : "DIFFERENT");
        return failures == 0 ? 0 : 1;
    }

    /// <summary><c>--batch-time</c>: µs per case by cases per session, one thread, interleaved rounds (indicative).</summary>
    public static int Time(int count)
    {
        var engine = SpineDecisionEngine.CreateDefault();
        var cases = CaseGenerator.Generate(count);
        int[] sizes = [1, 5, 10, 20, 50, 100, 1_000];
        var times = sizes.ToDictionary(s => s, _ => new List<double>());
        for (var round = 0; round < 5; round++)
        {
            foreach (var size in sizes)
            {
                var options = new BatchEvaluationOptions { CasesPerSession = size, MaxDegreeOfParallelism = 1, MaxInFlight = Math.Max(256, size) };
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                var n = engine.EvaluateBatch(cases, options).Count(r => r.Succeeded);
                times[size].Add(clock.Elapsed.TotalMicroseconds / count);
                if (round == 4)
                {
                    times[size].Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{size,5} per session: median {times[size][2]:F1} µs/case, {(GC.GetAllocatedBytesForCurrentThread() - bytes) / count:N0} B/case, {n} succeeded"));
                }
            }
        }

        return 0;
    }

    private static string Json(SpineDecisionEngine engine, PatientCase patientCase, EvaluationOptions options)
    {
        try
        {
            return engine.Evaluate(patientCase, options).ToJson();
        }
        catch (SpineDecisionException e)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
