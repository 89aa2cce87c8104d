using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using NRules.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Facts;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// <c>--profile</c>: the numbers behind each optimisation, in seconds rather than minutes. For every sample: a
/// Stopwatch and allocation breakdown of one warm evaluation, stage by stage, and how much of the Rete network it
/// touches; then the shape of the network and what one evaluation allocates, by type (sampled with the runtime's
/// GC AllocationTick events, no external profiler needed).
/// </summary>
public static class Profiler
{
    private const int Iterations = 20_000;

    public static void Run(bool peerOnly = false)
    {
        OutsideSession("9 criteria (peer)", new Peer.SpineDecisionPeer().Engine);
        if (peerOnly)
        {
            return;
        }

        var engine = SpineDecisionEngine.CreateDefault();
        var compiled = engine.Compiled;
        var schema = compiled.SessionFactory.GetSchema();
        var nodeTypes = schema.Nodes.ToDictionary(n => n.Id, n => n.NodeType);
        Console.WriteLine($"{engine.RuleCount} rules; Rete network of {schema.Nodes.Count} nodes: " +
            string.Join(", ", schema.Nodes.GroupBy(n => n.NodeType).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        // Let tiered compilation finish (tier-1 code is installed in the background) before measuring anything.
        for (var i = 0; i < 3_000; i++)
        {
            foreach (var name in SampleCases.Names)
            {
                engine.Evaluate(SampleCases.ByName(name));
            }
        }

        Thread.Sleep(500);
        Console.WriteLine();
        Console.WriteLine($"{"sample",-20} {"stage",-26} {"median µs",10} {"bytes",9}");
        foreach (var name in SampleCases.Names)
        {
            var patientCase = SampleCases.ByName(name);
            var facts = CaseFactBuilder.Build(patientCase, compiled.Rules.Vocabulary);
            var reports = new ReportBuilder(compiled);
            var outcomes = Evaluator.Run(compiled, facts, 10_000);

            Stage(name, "validate", () => engine.Validate(patientCase));
            Stage(name, "build facts", () => CaseFactBuilder.Build(patientCase, compiled.Rules.Vocabulary));
            Stage(name, "create session", () => compiled.SessionFactory.CreateSession());
            Stage(name, "session: insert+fire+query", () => Evaluator.Run(compiled, facts, 10_000));
            Stage(name, "build report", () => reports.Build(patientCase, facts, outcomes, EvaluationOptions.Default, []));
            Stage(name, "Evaluate (all stages)", () => engine.Evaluate(patientCase));

            var session = compiled.SessionFactory.CreateSession();
            var fired = 0;
            session.Events.RuleFiredEvent += (_, _) => fired++;
            var inserted = compiled.Inserted(facts);
            session.InsertAll(inserted);
            session.Fire(10_000);
            var touched = session.Metrics.GetAll();
            Console.WriteLine($"{name,-20} {facts.All().Count()} facts ({inserted.Length} inserted), {fired} rules fired, {outcomes.Outcomes.Count} outcomes; nodes touched {touched.Count} of {schema.Nodes.Count}: " +
                string.Join(", ", touched.GroupBy(m => nodeTypes[m.NodeId]).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
            Console.WriteLine();
        }

        AllocationsByType(engine, SampleCases.EpiduralSteroid);
        WithoutNodeMetrics(engine);
    }

    /// <summary>
    /// A local experiment for an upstream NRules change (issue 15, item 4): NRules 1.0.4 allocates a
    /// <c>NodeMetrics</c> per Rete node a session touches, always, with no switch. Here every session's metrics
    /// aggregator is handed one dictionary already holding an entry for every node (by reflection, benchmarks only),
    /// so no metrics are allocated: the difference is what a "metrics off" option upstream would save.
    /// </summary>
    private static void WithoutNodeMetrics(SpineDecisionEngine engine)
    {
        var compiled = engine.Compiled;
        var field = compiled.SessionFactory.CreateSession().Metrics.GetType()
            .GetField("_metrics", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        Console.WriteLine();
        Console.WriteLine("NRules NodeMetrics experiment: session (create + insert + fire + query), with metrics allocated per session (as shipped) / without");
        foreach (var name in SampleCases.Names)
        {
            var facts = compiled.Inserted(CaseFactBuilder.Build(SampleCases.ByName(name), compiled.Rules.Vocabulary));
            var warm = compiled.SessionFactory.CreateSession();
            warm.InsertAll(facts);
            warm.Fire(10_000);
            var shared = field.GetValue(warm.Metrics)!;
            object Run(bool metrics)
            {
                var session = compiled.SessionFactory.CreateSession();
                if (!metrics)
                {
                    field.SetValue(session.Metrics, shared);
                }

                session.InsertAll(facts);
                session.Fire(10_000);
                return session.Query<object>().Count();
            }

            Stage(name, "with NodeMetrics", () => Run(metrics: true));
            Stage(name, "without NodeMetrics", () => Run(metrics: false));
        }
    }

    /// <summary>
    /// What SpineDecision does around the NRules session (issue 15, item 3), per generated case: validation, fact
    /// building and the report, beside the session and the whole <c>Evaluate</c>. Bytes are exact (this thread's
    /// allocations over every case); times are the fastest of 7 passes over the cases (the least disturbed on a shared machine), per case.
    /// </summary>
    private static void OutsideSession(string title, SpineDecisionEngine engine)
    {
        var compiled = engine.Compiled;
        var cases = CaseGenerator.Generate(2_000);
        var facts = cases.Select(c => CaseFactBuilder.Build(c, compiled.Rules.Vocabulary)).ToArray();
        var runs = facts.Select(f => Evaluator.Run(compiled, f, 10_000)).ToArray();
        var reports = new ReportBuilder(compiled);
        // One unprinted round first: the first stages measured in a fresh process otherwise pay for JIT and start-up.
        OutsideSessionRound(engine, cases, facts, runs, reports, print: false);
        Console.WriteLine($"{title}: stages per generated case ({cases.Count} cases), {engine.RuleCount} rules");
        OutsideSessionRound(engine, cases, facts, runs, reports, print: true);
        AllocationsByType("fact building and the report, per case", cases.Count, i =>
        {
            var caseFact = CaseFactBuilder.Build(cases[i], compiled.Rules.Vocabulary);
            reports.Build(cases[i], caseFact, runs[i], EvaluationOptions.Default, []);
        });
    }

    private static void OutsideSessionRound(SpineDecisionEngine engine, IReadOnlyList<Cases.PatientCase> cases, CaseFact[] facts, EvaluationRun[] runs,
        ReportBuilder reports, bool print)
    {
        var compiled = engine.Compiled;
        if (print)
        {
            Console.WriteLine($"{"stage",-26} {"best µs",10} {"bytes",9}");
        }

        var outside = (Time: 0.0, Bytes: 0L);
        void Measure(string stage, Action<int> action, bool isOutside)
        {
            var (time, bytes) = PerCase(cases.Count, action);
            if (print)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-26} {time,10:F2} {bytes,9:N0}"));
            }

            if (isOutside)
            {
                outside = (outside.Time + time, outside.Bytes + bytes);
            }
        }

        Measure("validate", i => engine.Validate(cases[i]), isOutside: true);
        Measure("build facts", i => CaseFactBuilder.Build(cases[i], compiled.Rules.Vocabulary), isOutside: true);
        Measure("build report", i => reports.Build(cases[i], facts[i], runs[i], EvaluationOptions.Default, []), isOutside: true);
        if (print)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"outside the session",-26} {outside.Time,10:F2} {outside.Bytes,9:N0}"));
        }

        Measure("session: insert+fire+query", i => Evaluator.Run(compiled, facts[i], 10_000), isOutside: false);
        Measure("Evaluate (all stages)", i => engine.Evaluate(cases[i]), isOutside: false);
        if (print)
        {
            Console.WriteLine();
        }
    }

    private static (double MicrosecondsPerCase, long BytesPerCase) PerCase(int count, Action<int> action)
    {
        // Warm up past tiered compilation (tier-1 code is installed in the background).
        for (var pass = 0; pass < 3; pass++)
        {
            for (var i = 0; i < count; i++)
            {
                action(i);
            }

            Thread.Sleep(100);
        }

        var times = new double[7];
        long bytes = 0;
        for (var pass = 0; pass < times.Length; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                action(i);
            }

            times[pass] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / count;
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // The fastest pass: on a shared machine, the one least disturbed by other processes.
        return (times.Min(), bytes / count);
    }

    private static void Stage(string sample, string stage, Func<object> action)
    {
        for (var i = 0; i < 2_000; i++)
        {
            action();
        }

        var times = new double[Iterations / 100];
        long bytes = 0;
        for (var batch = 0; batch < times.Length; batch++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < 100; i++)
            {
                action();
            }

            times[batch] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / 100;
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample,-20} {stage,-26} {times[times.Length / 2],10:F2} {bytes / Iterations,9:N0}"));
    }

    private static void AllocationsByType(SpineDecisionEngine engine, Cases.PatientCase patientCase) =>
        AllocationsByType($"what one evaluation of '{patientCase.Id}' allocates", 1, _ => engine.Evaluate(patientCase));

    /// <summary>What <paramref name="action"/> allocates over <paramref name="count"/> calls (one unit), by type, sampled.</summary>
    internal static void AllocationsByType(string title, int count, Action<int> action)
    {
        var units = Math.Max(1, Iterations / count);
        using var listener = new AllocationListener();
        for (var u = 0; u < units; u++)
        {
            for (var i = 0; i < count; i++)
            {
                action(i);
            }
        }

        listener.Dispose();
        var total = listener.BytesByType.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}, by type (sampled: {total / 1024.0 / units / count:F2} KB per call):"));
        foreach (var (type, bytes) in listener.BytesByType.OrderByDescending(kv => kv.Value).Take(20))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes * 100.0 / total,5:F1} %  {bytes / (double)units / count,7:F0} B  {type}"));
        }

        Console.WriteLine();
    }

    /// <summary>Sums the runtime's GCAllocationTick samples (one per ~100 KB allocated) by type name.</summary>
    private sealed class AllocationListener : EventListener
    {
        public Dictionary<string, long> BytesByType { get; } = new(StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var bytes = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            lock (BytesByType)
            {
                BytesByType[type] = BytesByType.GetValueOrDefault(type) + bytes;
            }
        }
    }
}
