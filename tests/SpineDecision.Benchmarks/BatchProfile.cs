using System.Diagnostics;
using System.Globalization;
using SpineDecision.Compilation;
using SpineDecision.Engine;
using SpineDecision.Facts;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// <c>--profile --batch [cases]</c>: where a shared session's time and bytes go (issue 15 item 2). The NRules session
/// alone (insert + fire + collect, <see cref="Evaluator.RunMany"/>; facts built beforehand), per case, by cases per
/// session, in interleaved rounds (the median of each size); the join work per case (inputs of the Rete join nodes,
/// from NRules' own node metrics); what a 10-case session allocates by type; and the same session without NRules'
/// per-session node metrics (a local experiment for the upstream change, by reflection).
/// </summary>
public static class BatchProfile
{
    // -1: one case in a session of the case-keyed network (what the key joins cost by themselves).
    private static readonly int[] Sizes = [1, -1, 2, 5, 10, 20, 50, 100, 1_000];

    public static void Run(int count)
    {
        var engine = SpineDecisionEngine.CreateDefault();
        var compiled = engine.Compiled;
        var cases = CaseGenerator.Generate(count);
        var facts = cases.Select(c => CaseFactBuilder.Build(c, compiled.Rules.Vocabulary)).ToArray();
        var schema = compiled.BatchSessionFactory.Value.GetSchema();
        Console.WriteLine($"{engine.RuleCount} rules, {count:N0} generated cases; batch network {schema.Nodes.Count} nodes");

        var times = Sizes.ToDictionary(s => s, _ => new List<double>());
        var bytes = new Dictionary<int, long>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var size in Sizes)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                Sessions(compiled, facts, size);
                times[size].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / count);
                bytes[size] = (GC.GetAllocatedBytesForCurrentThread() - before) / count;
            }
        }

        Console.WriteLine($"{"cases per session",18} {"median µs/case",15} {"÷ 1",6} {"B/case",9} {"join inputs/case",17}");
        var one = Median(times[1]);
        foreach (var size in Sizes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(size < 0 ? "1 (keyed network)" : size.ToString(CultureInfo.InvariantCulture)),18} {Median(times[size]),15:F1} {Median(times[size]) / one,6:F2} {bytes[size],9:N0} {JoinInputs(compiled, facts, size),17:F0}"));
        }

        Console.WriteLine();
        Profiler.AllocationsByType("a 10-case shared session (insert + fire + collect), per case", 10, _ => Evaluator.RunMany(compiled, facts[..10], 10_000));
        WithoutNodeMetrics(compiled, facts);
        UpstreamExperiment(compiled, facts);
    }

    /// <summary>
    /// The upstream changes measured on a locally patched NRules 1.0.4 (built outside the repository; see the benchmark
    /// README), whose <c>NRules.Experiment</c> switches are set here by reflection, in interleaved rounds: node metrics
    /// off; no agenda-filter iterators for rules without filters; joins that loop over the memories in place (no
    /// per-activation copy of the other memory, no <c>TupleFactSet</c> per tuple). With the NuGet NRules the section
    /// says so and measures nothing.
    /// </summary>
    private static void UpstreamExperiment(CompiledRuleBase compiled, CaseFact[] facts)
    {
        var switches = Type.GetType("NRules.Experiment, NRules");
        Console.WriteLine();
        if (switches is null)
        {
            Console.WriteLine("Upstream experiment: not available (the NuGet NRules 1.0.4 is loaded, not a patched copy)");
            return;
        }

        string[] steps = ["as shipped", "NoMetrics", "NoEmptyFilters", "NoJoinCopies"];
        var times = steps.ToDictionary(s => s, _ => new List<double>[] { [], [] });
        var bytes = steps.ToDictionary(s => s, _ => new long[2]);
        for (var round = 0; round < 5; round++)
        {
            for (var step = 0; step < steps.Length; step++)
            {
                // Cumulative: each step keeps the switches before it.
                for (var k = 1; k < steps.Length; k++)
                {
                    switches.GetField(steps[k])!.SetValue(null, k <= step);
                }

                foreach (var (size, slot) in new[] { (1, 0), (10, 1) })
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var start = Stopwatch.GetTimestamp();
                    Sessions(compiled, facts, size);
                    times[steps[step]][slot].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / facts.Length);
                    bytes[steps[step]][slot] = (GC.GetAllocatedBytesForCurrentThread() - before) / facts.Length;
                }
            }
        }

        Console.WriteLine("Upstream experiment (patched NRules 1.0.4, switches cumulative), session only, per case:");
        Console.WriteLine($"{"",-16} {"1 per session µs",17} {"B",9} {"10 per session µs",18} {"B",9}");
        foreach (var step in steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"+ " + step,-16} {Median(times[step][0]),17:F1} {bytes[step][0],9:N0} {Median(times[step][1]),18:F1} {bytes[step][1],9:N0}"));
        }

        foreach (var step in steps.Skip(1))
        {
            switches.GetField(step)!.SetValue(null, false);
        }
    }

    /// <summary>Every case through shared sessions of <paramref name="size"/> (1: the single-case network, as <c>Evaluate</c>).</summary>
    private static void Sessions(CompiledRuleBase compiled, CaseFact[] facts, int size)
    {
        var keyed = size < 0;
        size = Math.Abs(size);
        for (var at = 0; at < facts.Length; at += size)
        {
            if (size == 1 && !keyed)
            {
                Evaluator.Run(compiled, facts[at], 10_000);
            }
            else
            {
                Evaluator.RunMany(compiled, facts[at..Math.Min(facts.Length, at + size)], 10_000);
            }
        }
    }

    /// <summary>The tuples and facts entering the batch network's join nodes per case (each input is joined against
    /// every element of the other side's memory: nested loops).</summary>
    private static double JoinInputs(CompiledRuleBase compiled, CaseFact[] facts, int size)
    {
        var factory = size == 1 ? compiled.SessionFactory : compiled.BatchSessionFactory.Value;
        size = Math.Abs(size);
        var joins = factory.GetSchema().Nodes.Where(n => n.NodeType == NRules.Diagnostics.NodeType.Join).Select(n => n.Id).ToHashSet();
        long inputs = 0;
        var cases = Math.Min(facts.Length, Math.Max(size, 100) / size * size);
        for (var at = 0; at < cases; at += size)
        {
            var session = factory.CreateSession();
            session.InsertAll(compiled.Inserted(facts[at..(at + size)]));

            session.Fire(10_000 * size);
            inputs += session.Metrics.GetAll().Where(m => joins.Contains(m.NodeId)).Sum(m => (long)m.InsertInputCount + m.UpdateInputCount + m.RetractInputCount);
        }

        return inputs / (double)cases;
    }

    /// <summary>The NodeMetrics experiment of <see cref="Profiler"/> on a 10-case shared session.</summary>
    private static void WithoutNodeMetrics(CompiledRuleBase compiled, CaseFact[] facts)
    {
        var factory = compiled.BatchSessionFactory.Value;
        var field = factory.CreateSession().Metrics.GetType()
            .GetField("_metrics", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var warm = factory.CreateSession();
        warm.InsertAll(compiled.Inserted(facts[..100]));

        warm.Fire(1_000_000);
        var shared = field.GetValue(warm.Metrics)!;
        foreach (var metrics in new[] { true, false })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            const int Chunks = 200;
            for (var chunk = 0; chunk < Chunks; chunk++)
            {
                var session = factory.CreateSession();
                if (!metrics)
                {
                    field.SetValue(session.Metrics, shared);
                }

                session.InsertAll(compiled.Inserted(facts[(chunk % 10 * 10)..(chunk % 10 * 10 + 10)]));

                session.Fire(100_000);
                _ = session.Query<object>().Count();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"10-case shared session (create + insert + fire + query), {(metrics ? "with NodeMetrics (as shipped)" : "without NodeMetrics")}: {(GC.GetAllocatedBytesForCurrentThread() - before) / (Chunks * 10):N0} B/case"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
