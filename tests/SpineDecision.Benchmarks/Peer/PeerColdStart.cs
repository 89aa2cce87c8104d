using System.Diagnostics;
using System.Globalization;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks.Peer;

/// <summary>
/// <c>--cold-start ENGINE</c>: construct one engine and evaluate one case in this fresh process, and print the time
/// (Stopwatch from just before construction to the first answer; the case is generated first). Run it as many
/// processes as you want medians of: <c>for i in $(seq 9); do dotnet SpineDecision.Benchmarks.dll --cold-start rulesengine; done</c>.
/// ENGINE: handwritten, rulesengine, nrules, spinedecision (the 9 criteria in YAML) or default (SpineDecision's default rules).
/// </summary>
public static class PeerColdStart
{
    public static void Run(string engine)
    {
        var c = CaseGenerator.Generate(1)[0];
        var watch = Stopwatch.StartNew();
        var answer = engine switch
        {
            "handwritten" => new HandWrittenPeer().Evaluate(c).ToString(),
            "rulesengine" => new RulesEnginePeer().Evaluate(c).ToString(),
            "nrules" => new NRulesPeer().Evaluate(c).ToString(),
            "spinedecision" => new SpineDecisionPeer().Evaluate(c).ToString(),
            "default" => SpineDecisionEngine.CreateDefault().Evaluate(c).Recommendations.Length.ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"unknown engine '{engine}'", nameof(engine)),
        };
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine}\t{watch.Elapsed.TotalMilliseconds:F1}\tms\t{answer}"));
    }
}
