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

    public static void Run()
    {
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
            Console.WriteLine($"{name,-20} {facts.Count} facts ({inserted.Count} inserted), {fired} rules fired, {outcomes.Outcomes.Count} outcomes; nodes touched {touched.Count} of {schema.Nodes.Count}: " +
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

    private static void AllocationsByType(SpineDecisionEngine engine, Cases.PatientCase patientCase)
    {
        using var listener = new AllocationListener();
        for (var i = 0; i < Iterations; i++)
        {
            engine.Evaluate(patientCase);
        }

        listener.Dispose();
        var total = listener.BytesByType.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"what one evaluation of '{patientCase.Id}' allocates, by type (sampled: {total / 1024.0 / Iterations:F1} KB per evaluation):"));
        foreach (var (type, bytes) in listener.BytesByType.OrderByDescending(kv => kv.Value).Take(20))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes * 100.0 / total,5:F1} %  {bytes / (double)Iterations,7:F0} B  {type}"));
        }
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
