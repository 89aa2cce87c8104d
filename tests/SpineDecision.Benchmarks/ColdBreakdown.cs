using System.Diagnostics;
using System.Globalization;
using NRules;
using NRules.RuleModel;
using SpineDecision.Compilation;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Loading;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// <c>--cold-breakdown [stages]</c>: <c>CreateDefault()</c> + first <c>Evaluate</c> in this fresh process, timed by
/// Stopwatch stage by stage as each runs for the first time (so each includes its own JIT). By default the stages are
/// the engine's own path: reading the embedded files, loading and checking, compiling, the first evaluation. With
/// <c>stages</c>, the same work is done one stage at a time on one thread (the case model, the YAML parse, binding,
/// checking, building the definitions, NRules' compile, the first evaluation), to see what each costs. <c>cpu</c> is
/// the process's processor time over the same span, on every thread (less sensitive to a loaded machine than wall
/// time). One tab-separated line per process: run as many processes as you want medians of.
/// </summary>
public static class ColdBreakdown
{
    public static void Run(bool stageByStage)
    {
        var c = CaseGenerator.Generate(1)[0];
        var stages = new List<(string Name, double Ms)>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        void Lap(string name)
        {
            stages.Add((name, watch.Elapsed.TotalMilliseconds));
            watch.Restart();
        }

        var files = RuleBaseLoader.DefaultRuleFiles;
        Lap("embedded");
        int answer;
        if (!stageByStage)
        {
            // CreateDefault's own path: load and check (parse and bind pipelined, the fact schema on another thread),
            // compile (definitions and NRules pipelined), the engine, the first evaluation.
            var (checkedRules, warnings) = RuleBaseLoader.LoadAndCheck(files);
            Lap("load+check");
            var compiled = RuleBaseCompiler.Compile(checkedRules, null);
            Lap("compile");
            var created = new SpineDecisionEngine(compiled, 10_000, warnings, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            answer = created.Evaluate(c).Recommendations.Length;
            Lap("evaluate");
        }
        else
        {
            // One stage at a time on this thread, to see what each costs: the case model and fact schema (type
            // initialisers), the YAML parse alone, binding, checking, building the definitions, NRules' compile.
            _ = Facts.FactSchema.Lists.Length;
            Lap("schema");
            foreach (var file in files)
            {
                _ = Language.Yaml.YamlTreeReader.Read(file.Content, file.Name, new DiagnosticBag());
            }

            Lap("parse");
            var diagnostics = new DiagnosticBag();
            var loaded = RuleFileLoader.Load(files, diagnostics);
            Lap("bind");
            var rules = RuleChecker.Check(loaded, diagnostics);
            var sorted = diagnostics.Sorted();
            Lap("check");
            var values = rules.Parameters.Values.ToDictionary(p => p.Id, p => p.Default, StringComparer.Ordinal);
            var factory = new ReteRuleFactory(values);
            var definitions = new List<IRuleDefinition>();
            foreach (var rule in rules.Rules)
            {
                if (factory.Build(rule) is { } definition)
                {
                    definitions.Add(definition);
                }
            }

            Lap("definitions");
            var compiler = new RuleCompiler(new RuleCompilerOptions { UnsupportedExpressionHandling = RuleCompilerUnsupportedExpressionsHandling.TreatAsNotEqual })
            {
                ExpressionCompiler = new FastExpressionCompilerAdapter(),
            };
            _ = compiler.Compile(definitions);
            Lap("nrules");

            // The engine needs a CompiledRuleBase: compiled again, now warm, and left out of the times.
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var compiled = RuleBaseCompiler.Compile(rules, null);
            cpu += Process.GetCurrentProcess().TotalProcessorTime - before;
            watch.Restart();
            var created = new SpineDecisionEngine(compiled, 10_000, sorted, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            answer = created.Evaluate(c).Recommendations.Length;
            Lap("evaluate");
        }

        var total = stages.Sum(s => s.Ms);
        var processor = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine(string.Join('\t', stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}={s.Ms:F1}")))
            + string.Create(CultureInfo.InvariantCulture, $"\ttotal={total:F1}\tcpu={processor:F0}\t{answer}"));
    }
}
