using System.Diagnostics;
using System.Globalization;
using NRules;
using NRules.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Facts;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// <c>--profile</c>: a quick Stopwatch and allocation breakdown of one warm evaluation per sample, stage by stage,
/// plus the shape of the Rete network and how much of it one evaluation touches. No BenchmarkDotNet: seconds, not
/// minutes, and the numbers that guided each optimisation.
/// </summary>
public static class Profiler
{
    private const int Iterations = 20_000;

    public static void Run()
    {
        var engine = SpineDecisionEngine.CreateDefault();
        var compiled = engine.Compiled;
        var schema = compiled.SessionFactory.GetSchema();
        Console.WriteLine($"rules: {engine.RuleCount}; Rete nodes: {schema.Nodes.Count} ({string.Join(", ", schema.Nodes.GroupBy(n => n.NodeType).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))})");
        Console.WriteLine();
        Console.WriteLine($"{"sample",-20} {"stage",-24} {"median µs",10} {"bytes",9}");
        foreach (var name in SampleCases.Names)
        {
            var patientCase = SampleCases.ByName(name);
            var facts = CaseFactBuilder.Build(patientCase, compiled.Rules.Vocabulary);
            var reports = new ReportBuilder(compiled);
            var outcomes = Evaluator.Run(compiled, facts, 10_000);

            Stage(name, "validate", () => engine.Validate(patientCase));
            Stage(name, "build facts", () => CaseFactBuilder.Build(patientCase, compiled.Rules.Vocabulary));
            Stage(name, "create session", () => compiled.SessionFactory.CreateSession());
            Stage(name, "session+insert", () =>
            {
                var s = compiled.SessionFactory.CreateSession();
                s.InsertAll(facts);
                return s;
            });
            Stage(name, "session+insert+fire", () =>
            {
                var s = compiled.SessionFactory.CreateSession();
                s.InsertAll(facts);
                s.Fire(10_000);
                return s;
            });
            Stage(name, "Evaluator.Run", () => Evaluator.Run(compiled, facts, 10_000));
            Stage(name, "build report", () => reports.Build(patientCase, facts, outcomes));
            Stage(name, "Evaluate (all)", () => engine.Evaluate(patientCase));

            var session = compiled.SessionFactory.CreateSession();
            var fired = 0;
            session.Events.RuleFiredEvent += (_, _) => fired++;
            session.InsertAll(facts);
            session.Fire(10_000);
            var touched = session.Metrics.GetAll();
            Console.WriteLine($"{name,-20} facts {facts.Count}, outcomes {outcomes.Count}, rules fired {fired}, nodes touched {touched.Count}/{schema.Nodes.Count} " +
                $"(node inserts {touched.Sum(m => m.InsertInputCount)}, updates {touched.Sum(m => m.UpdateInputCount)}, retracts {touched.Sum(m => m.RetractInputCount)})");
            var byId = schema.Nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n.Id, x => x.n);
            Console.WriteLine($"{name,-20} touched by type: {string.Join(", ", touched.GroupBy(m => byId.TryGetValue(m.NodeId, out var n) ? n.NodeType.ToString() : "?").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()} (in {g.Sum(m => m.InsertInputCount)})"))}");
            Console.WriteLine();
        }

        var dummy = schema.Nodes.Single(n => n.NodeType == NodeType.Dummy);
        var links = schema.Links.ToList();
        Console.WriteLine($"dummy node sinks: {links.Count(l => l.Source == dummy)}; root→type links: {links.Count(l => l.Source.NodeType == NodeType.Root)}");
        foreach (var type in schema.Nodes.Where(n => n.NodeType == NodeType.Type))
        {
            Console.WriteLine($"  type {type.OutputType?.Name}: {Descendants(type, links, n => n.NodeType is NodeType.Selection or NodeType.AlphaMemory)} alpha nodes below");
        }
    }

    private static int Descendants(ReteNode node, List<ReteLink> links, Func<ReteNode, bool> filter)
    {
        var seen = new HashSet<ReteNode>();
        var stack = new Stack<ReteNode>([node]);
        while (stack.Count > 0)
        {
            foreach (var l in links.Where(l => l.Source == stack.Peek()).ToList())
            {
                if (filter(l.Target) && seen.Add(l.Target))
                {
                    stack.Push(l.Target);
                }
            }

            if (stack.Count > 0 && links.All(l => l.Source != stack.Peek() || !filter(l.Target) || seen.Contains(l.Target)))
            {
                stack.Pop();
            }
        }

        return seen.Count;
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample,-20} {stage,-24} {times[times.Length / 2],10:F2} {bytes / Iterations,9:N0}"));
    }
}
