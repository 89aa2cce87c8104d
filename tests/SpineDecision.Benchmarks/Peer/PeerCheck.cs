using System.Globalization;
using SpineDecision.Cases;

namespace SpineDecision.Benchmarks.Peer;

/// <summary>Every engine's answer on every case must equal the hand-written one before anything is timed.</summary>
public static class PeerCheck
{
    /// <summary>Throws, naming the first differences, unless every engine agrees with the first on every case.</summary>
    public static void AllAgree(IReadOnlyList<PatientCase> cases, params IPeerEngine[] engines)
    {
        var differences = new List<string>();
        var counts = new Dictionary<PeerAnswer, int>();
        foreach (var c in cases)
        {
            var expected = engines[0].Evaluate(c);
            counts[expected] = counts.GetValueOrDefault(expected) + 1;
            foreach (var engine in engines.Skip(1))
            {
                var actual = engine.Evaluate(c);
                if (actual != expected)
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"case {c.Id}: {engines[0].Name} {expected}, {engine.Name} {actual}"));
                }
            }
        }

        if (differences.Count > 0)
        {
            throw new InvalidOperationException($"The peer engines disagree on {differences.Count} answers; first: {Environment.NewLine}"
                + string.Join(Environment.NewLine, differences.Take(20)));
        }

        // A check that every case answers "nothing" would prove little: every procedure must be recommended somewhere.
        foreach (var bit in Enum.GetValues<PeerAnswer>().Where(b => b != PeerAnswer.None))
        {
            if (!counts.Keys.Any(k => k.HasFlag(bit)))
            {
                throw new InvalidOperationException($"No case among {cases.Count} gets {bit}: the check would not exercise it");
            }
        }

        Console.WriteLine($"// peer check: {engines.Length} engines agree on all {cases.Count} cases; answers "
            + string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
    }

    /// <summary>The <c>--peer-check</c> switch: the check alone, on 20,000 cases and on every growth shape.</summary>
    public static void Run()
    {
        var cases = Testing.CaseGenerator.Generate(20_000);
        AllAgree(cases, new HandWrittenPeer(), new RulesEnginePeer(), new NRulesPeer(), new SpineDecisionPeer());
        foreach (var mode in Enum.GetValues<CloneMode>())
        {
            foreach (var multiplier in new[] { 4, 16 })
            {
                Console.WriteLine($"// {multiplier}x {mode}");
                AllAgree([.. cases.Take(2_000)], new HandWrittenPeer(), new RulesEnginePeer(multiplier, mode), new NRulesPeer(multiplier, mode),
                    new SpineDecisionPeer(multiplier, mode));
            }
        }
    }
}
