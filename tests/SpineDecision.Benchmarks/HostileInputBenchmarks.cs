using System.Text;
using BenchmarkDotNet.Attributes;
using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// The cost of rejecting the worst inputs we can build (issue 14: every rejection under 50 ms): 100 k-character
/// strings, 10 k-item lists, 1 MB files and expressions nested a hundred times past the limit, through the case
/// reader, the case validator (the C# API, where no YAML limit applies) and the rule loader.
/// Run: <c>dotnet run -c Release --project tests/SpineDecision.Benchmarks -- --filter '*HostileInput*' --short</c>.
/// </summary>
[WarmJob]
public class HostileInputBenchmarks
{
    private SpineDecisionEngine _engine = null!;
    private PatientCase _longConcept = null!;
    private PatientCase _manyUnknownConcepts = null!;
    private string _megabyteCaseYaml = null!;
    private string _longListCaseJson = null!;
    private string _longStringCaseYaml = null!;
    private RuleSourceFile _vocabulary = null!;
    private RuleSourceFile _megabyteRuleFile = null!;
    private RuleSourceFile _deepExpressionRuleFile = null!;
    private RuleSourceFile _longIdRuleFile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = SpineDecisionEngine.CreateDefault();
        var baseCase = SampleCases.EpiduralSteroid;
        _longConcept = baseCase with { Pain = baseCase.Pain with { Region = new string('l', 100_000) } };
        _manyUnknownConcepts = baseCase with { Diagnoses = [.. Enumerable.Range(0, 10_000).Select(i => new Diagnosis { Code = $"unknown-diagnosis-{i}" })] };
        _longStringCaseYaml = "assessmentDate: 2026-11-01\npain:\n  region: " + new string('l', 100_000) + "\n";
        _megabyteCaseYaml = "assessmentDate: 2026-11-01\n" + string.Concat(Enumerable.Repeat("# padding to one megabyte\n", 1_048_576 / 26)) + "pain: { region: lumbr }\n";
        _longListCaseJson = "{\"assessmentDate\": \"2026-11-01\", \"diagnoses\": [" + string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"\"unknown-{i}\"")) + "]}";
        _vocabulary = RuleBaseLoader.DefaultRuleFiles.Single(f => f.Name == "vocabulary/vocabulary.yaml");
        var megabyte = new StringBuilder("ruleSet:\n  id: big\n  description: \"");
        while (megabyte.Length < 1_048_576)
        {
            megabyte.Append("abcdefghij ");
        }

        _megabyteRuleFile = new RuleSourceFile("big.yaml", megabyte.Append("\"\n").ToString());
        _deepExpressionRuleFile = new RuleSourceFile("deep.yaml", "ruleSet: { id: deep }\nrules:\n  - id: D-1\n    when:\n      - check: \"" + new string('-', 6_400) + "pain.nrs > 1\"\n");
        _longIdRuleFile = new RuleSourceFile("long-id.yaml", "ruleSet:\n  id: " + new string('x', 100_000) + "\n");
    }

    [Benchmark(Description = "validate: concept of 100 k characters")]
    public int ValidateLongConcept() => _engine.Validate(_longConcept).Count;

    [Benchmark(Description = "validate: 10 k unknown diagnoses")]
    public int ValidateManyUnknownConcepts() => _engine.Validate(_manyUnknownConcepts).Count;

    [Benchmark(Description = "read case: 100 k-character value")]
    public int ReadLongString() => Reject(() => PatientCaseReader.Read(_longStringCaseYaml, "long.yaml"));

    [Benchmark(Description = "read case: 1 MB file")]
    public int ReadMegabyteCase() => Reject(() => _engine.Evaluate(PatientCaseReader.Read(_megabyteCaseYaml, "big.yaml")));

    [Benchmark(Description = "read case: 10 k-item list")]
    public int ReadLongList() => Reject(() => _engine.Evaluate(PatientCaseReader.Read(_longListCaseJson, "list.json")));

    [Benchmark(Description = "load rules: 1 MB file")]
    public int LoadMegabyteRuleFile() => Load(_megabyteRuleFile);

    [Benchmark(Description = "load rules: expression 100 x too deep")]
    public int LoadDeepExpression() => Load(_deepExpressionRuleFile);

    [Benchmark(Description = "load rules: id of 100 k characters")]
    public int LoadLongId() => Load(_longIdRuleFile);

    private static int Reject(Action read)
    {
        try
        {
            read();
            return 0;
        }
        catch (SpineDecisionException)
        {
            return 1;
        }
    }

    private int Load(RuleSourceFile file)
    {
        var diagnostics = new DiagnosticBag();
        RuleBaseLoader.TryLoadAndCheck([_vocabulary, file], diagnostics);
        return diagnostics.ErrorCount;
    }
}
