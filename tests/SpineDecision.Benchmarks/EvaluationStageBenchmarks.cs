using BenchmarkDotNet.Attributes;
using NRules;
using SpineDecision.Cases;
using SpineDecision.Compilation;
using SpineDecision.Engine;
using SpineDecision.Facts;
using SpineDecision.Reports;
using SpineDecision.Testing;

namespace SpineDecision.Benchmarks;

/// <summary>
/// Where one warm evaluation goes, stage by stage (the profile behind the optimisations): validate the case, build
/// the facts, run the NRules session (create, insert, fire, collect), build the report. Engine internals, reached
/// through InternalsVisibleTo.
/// </summary>
[WarmJob]
public class EvaluationStageBenchmarks
{
    private SpineDecisionEngine _engine = null!;
    private ReportBuilder _reports = null!;
    private PatientCase _case = null!;
    private CaseFact _facts = null!;
    private EvaluationRun _outcomes = null!;

    [Params("esi", "facet-rfa")]
    public string Sample { get; set; } = "esi";

    [GlobalSetup]
    public void Setup()
    {
        _engine = SpineDecisionEngine.CreateDefault();
        _reports = new ReportBuilder(_engine.Compiled);
        _case = SampleCases.ByName(Sample);
        _facts = CaseFactBuilder.Build(_case, _engine.Compiled.Rules.Vocabulary);
        _outcomes = Evaluator.Run(_engine.Compiled, _facts, 10_000);
    }

    [Benchmark(Description = "1 validate")]
    public IReadOnlyList<CaseProblem> Validate() => _engine.Validate(_case);

    [Benchmark(Description = "2 build facts")]
    public object BuildFacts() => CaseFactBuilder.Build(_case, _engine.Compiled.Rules.Vocabulary);

    [Benchmark(Description = "3a create session only")]
    public ISession CreateSession() => _engine.Compiled.SessionFactory.CreateSession();

    [Benchmark(Description = "3 session: insert+fire+collect")]
    public object Session() => Evaluator.Run(_engine.Compiled, _facts, 10_000);

    [Benchmark(Description = "4 build report")]
    public RecommendationReport Report() => _reports.Build(_case, _facts, _outcomes, EvaluationOptions.Default, []);

    [Benchmark(Description = "all: Evaluate")]
    public RecommendationReport Evaluate() => _engine.Evaluate(_case);
}
