using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SpineDecision.Cases;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks.Peer;

/// <summary>Short job, in process: the peer classes build nothing extra, so they run on a loaded 2-core machine.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PeerJobAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("Peer"));
}

/// <summary>
/// The same 9 criteria written four ways, on the same generated cases (<see cref="CaseGenerator"/>, seeded), one case
/// per operation. Every engine's answers are checked equal on every case in the setup; <i>Ratio</i> is to RulesEngine.
/// </summary>
[PeerJob]
public class PeerBenchmarks
{
    private const int Cases = 1_000;
    private IReadOnlyList<PatientCase> _cases = null!;
    private HandWrittenPeer _handWritten = null!;
    private RulesEnginePeer _rulesEngine = null!;
    private NRulesPeer _nrules = null!;
    private SpineDecisionPeer _spineDecision = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cases = CaseGenerator.Generate(Cases);
        (_handWritten, _rulesEngine, _nrules, _spineDecision) = (new(), new(), new(), new());
        PeerCheck.AllAgree(_cases, _handWritten, _rulesEngine, _nrules, _spineDecision);
    }

    [Benchmark(Description = "hand-written C#", OperationsPerInvoke = Cases)]
    public int HandWritten() => _handWritten.EvaluateAll(_cases);

    [Benchmark(Baseline = true, Description = "Microsoft RulesEngine 6.0.1", OperationsPerInvoke = Cases)]
    public int RulesEngine() => _rulesEngine.EvaluateAll(_cases);

    [Benchmark(Description = "NRules 1.0.4 fluent DSL", OperationsPerInvoke = Cases)]
    public int NRules() => _nrules.EvaluateAll(_cases);

    [Benchmark(Description = "SpineDecision YAML", OperationsPerInvoke = Cases)]
    public int SpineDecision() => _spineDecision.EvaluateAll(_cases);
}

/// <summary>The peer criteria copied 1×, 4× and 16× (<see cref="CloneMode"/>) for the three engines; per case.</summary>
[PeerJob]
public class PeerGrowthBenchmarks
{
    private const int Cases = 200;
    private IReadOnlyList<PatientCase> _cases = null!;
    private IPeerEngine _rulesEngine = null!;
    private IPeerEngine _nrules = null!;
    private IPeerEngine _spineDecision = null!;

    [Params(1, 4, 16)]
    public int Multiplier { get; set; } = 1;

    [Params(CloneMode.Dormant, CloneMode.Active)]
    public CloneMode Clones { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cases = CaseGenerator.Generate(Cases);
        _rulesEngine = new RulesEnginePeer(Multiplier, Clones);
        _nrules = new NRulesPeer(Multiplier, Clones);
        _spineDecision = new SpineDecisionPeer(Multiplier, Clones);
        PeerCheck.AllAgree(_cases, new HandWrittenPeer(), _rulesEngine, _nrules, _spineDecision);
    }

    [Benchmark(Baseline = true, Description = "RulesEngine", OperationsPerInvoke = Cases)]
    public int RulesEngine() => _rulesEngine.EvaluateAll(_cases);

    [Benchmark(Description = "NRules DSL", OperationsPerInvoke = Cases)]
    public int NRules() => _nrules.EvaluateAll(_cases);

    [Benchmark(Description = "SpineDecision", OperationsPerInvoke = Cases)]
    public int SpineDecision() => _spineDecision.EvaluateAll(_cases);
}

/// <summary>The peer criteria on 4,000 cases: one thread against all cores (<c>Parallel.For</c>; SpineDecision's
/// <c>EvaluateBatch</c>). The speed-up over one thread is the ratio of an engine's two rows.</summary>
[PeerJob]
public class PeerBatchBenchmarks
{
    private IReadOnlyList<PatientCase> _cases = null!;
    private HandWrittenPeer _handWritten = null!;
    private RulesEnginePeer _rulesEngine = null!;
    private NRulesPeer _nrules = null!;
    private SpineDecisionPeer _spineDecision = null!;

    [Params(4_000)]
    public int Cases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cases = CaseGenerator.Generate(Cases);
        (_handWritten, _rulesEngine, _nrules, _spineDecision) = (new(), new(), new(), new());
        PeerCheck.AllAgree(_cases, _handWritten, _rulesEngine, _nrules, _spineDecision);
    }

    [Benchmark(Description = "hand-written, one thread")]
    public int HandWritten_One() => _handWritten.EvaluateAll(_cases);

    [Benchmark(Description = "hand-written, Parallel.For")]
    public int HandWritten_All() => All(_handWritten);

    [Benchmark(Baseline = true, Description = "RulesEngine, one thread")]
    public int RulesEngine_One() => _rulesEngine.EvaluateAll(_cases);

    [Benchmark(Description = "RulesEngine, Parallel.For")]
    public int RulesEngine_All() => All(_rulesEngine);

    [Benchmark(Description = "NRules DSL, one thread")]
    public int NRules_One() => _nrules.EvaluateAll(_cases);

    [Benchmark(Description = "NRules DSL, Parallel.For")]
    public int NRules_All() => All(_nrules);

    [Benchmark(Description = "SpineDecision, one thread")]
    public int SpineDecision_One() => _spineDecision.EvaluateAll(_cases);

    [Benchmark(Description = "SpineDecision, EvaluateBatch one thread (20 cases per session, the default)")]
    public int SpineDecision_BatchOne() => Batch(new BatchEvaluationOptions { MaxDegreeOfParallelism = 1 });

    [Benchmark(Description = "SpineDecision, EvaluateBatch all cores (20 cases per session, the default)")]
    public int SpineDecision_Batch() => Batch(null);

    [Benchmark(Description = "SpineDecision, EvaluateBatch (a session per case)")]
    public int SpineDecision_BatchSessionPerCase() => Batch(new BatchEvaluationOptions { CasesPerSession = 1 });

    private int Batch(BatchEvaluationOptions? options)
    {
        var sum = 0;
        foreach (var result in _spineDecision.Engine.EvaluateBatch(_cases, options))
        {
            sum += result.Report is { } report ? (int)SpineDecisionPeer.Answer(report) : 0;
        }

        return sum;
    }

    private int All(IPeerEngine engine)
    {
        var sum = 0;
        Parallel.For(0, _cases.Count, () => 0, (i, _, s) => s + (int)engine.Evaluate(_cases[i]), s => Interlocked.Add(ref sum, s));
        return sum;
    }
}

/// <summary>
/// Many cases per NRules session (issue 15 item 2), measured where it is cheap to express: the NRules DSL rule set,
/// whose one flat fact per case carries its own answer, so no join on a case key is needed. Chunk 1 is a session per
/// case. The answers of every chunk size are checked equal to a session per case in the setup.
/// </summary>
[PeerJob]
public class PeerSessionChunkBenchmarks
{
    private const int Cases = 1_000;
    private IReadOnlyList<PatientCase> _cases = null!;
    private NRulesPeer _nrules = null!;
    private PeerAnswer[] _answers = null!;

    [Params(1, 10, 100, 1_000)]
    public int Chunk { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _cases = CaseGenerator.Generate(Cases);
        _nrules = new NRulesPeer();
        _answers = new PeerAnswer[Cases];
        _nrules.EvaluateChunked(_cases, Chunk, _answers);
        for (var i = 0; i < Cases; i++)
        {
            if (_answers[i] != _nrules.Evaluate(_cases[i]))
            {
                throw new InvalidOperationException($"case {_cases[i].Id}: {Chunk} per session gives {_answers[i]}, one session {_nrules.Evaluate(_cases[i])}");
            }
        }
    }

    [Benchmark(Description = "NRules DSL, cases per session", OperationsPerInvoke = Cases)]
    public PeerAnswer Chunked()
    {
        _nrules.EvaluateChunked(_cases, Chunk, _answers);
        return _answers[^1];
    }
}
