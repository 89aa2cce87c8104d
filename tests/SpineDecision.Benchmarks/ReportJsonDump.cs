using System.Security.Cryptography;
using System.Text;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// <c>--report-json FILE</c>: writes the JSON of the default engine's reports for 3,000 generated cases and the
/// samples, with <see cref="EvaluationOptions.Explain"/> off and on, one report per line, and prints its SHA-256.
/// Run it on two builds (before and after an optimisation) and compare: a change on the evaluation path must leave
/// every byte as it was. Uses the public API only, so it runs on any earlier version of the engine.
/// </summary>
public static class ReportJsonDump
{
    public static void Run(string path)
    {
        var engine = SpineDecisionEngine.CreateDefault();
        var cases = CaseGenerator.Generate(3_000).Concat(SampleCases.Names.Select(SampleCases.ByName)).ToList();
        var reports = 0;
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
        {
            foreach (var options in new[] { EvaluationOptions.Default, new EvaluationOptions { Explain = true } })
            {
                foreach (var c in cases)
                {
                    writer.WriteLine(engine.Evaluate(c, options).ToJson());
                    reports++;
                }
            }
        }

        using var file = File.OpenRead(path);
        Console.WriteLine($"{reports} reports, SHA-256 {Convert.ToHexString(SHA256.HashData(file))}");
    }
}
