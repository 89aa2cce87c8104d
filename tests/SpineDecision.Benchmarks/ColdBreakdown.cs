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
/// <c>--cold-breakdown</c>: the stages of <c>CreateDefault()</c> + first <c>Evaluate</c> in this fresh process, each
/// timed by Stopwatch as it runs for the first time (so each includes its own JIT): reading the embedded files, YAML
/// loading, checking, building the rule definitions, NRules' compile, the engine and the first evaluation. The engine
/// stage compiles the rules a second time (now warm) because the engine is only built from checked rules; it is
/// printed apart and left out of the total. <c>cpu</c> is the process's processor time over the same span
/// (less sensitive to a loaded machine than wall time, but it counts work on every thread). With <c>split</c>, the
/// case model and the YAML parse are timed apart first. One tab-separated line per process: run it as many processes as you want
/// medians of.
/// </summary>
public static class ColdBreakdown
{
    public static void Run(bool split)
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
        if (split)
        {
            // The case model and fact schema (type initialisers), then the YAML parse alone, so that the yaml stage
            // below is what remains: binding the trees to the rule model.
            _ = Facts.FactSchema.Lists.Length;
            Lap("schema");
            foreach (var file in files)
            {
                _ = Language.Yaml.YamlTreeReader.Read(file.Content, file.Name, new DiagnosticBag());
            }

            Lap("parse");
        }

        var diagnostics = new DiagnosticBag();
        var loaded = RuleFileLoader.Load(files, diagnostics);
        Lap("yaml");
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
        var engineCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var engine = SpineDecisionEngine.FromCheckedRules(rules, sorted, null, 10_000);
        var engineMs = watch.Elapsed.TotalMilliseconds;
        cpu += Process.GetCurrentProcess().TotalProcessorTime - engineCpu;
        watch.Restart();
        var answer = engine.Evaluate(c).Recommendations.Length;
        Lap("evaluate");
        var total = stages.Sum(s => s.Ms);
        var processor = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine(string.Join('\t', stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}={s.Ms:F1}")))
            + string.Create(CultureInfo.InvariantCulture, $"\ttotal={total:F1}\tcpu={processor:F0}\t(engine, warm recompile={engineMs:F1})\t{answer}"));
    }
}
