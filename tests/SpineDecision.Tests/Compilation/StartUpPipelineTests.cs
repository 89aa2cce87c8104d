using NRules;
using NRules.Diagnostics;
using NRules.RuleModel;
using SpineDecision.Compilation;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Language.Loading;
using SpineDecision.Threading;

namespace SpineDecision.Tests.Compilation;

/// <summary>
/// Start-up work runs as two-stage pipelines on two threads (files parsed while parsed files are bound; rule
/// definitions built while NRules compiles them): the rules, the diagnostics and their order, the content hash and the
/// compiled network are those of doing it one step at a time.
/// </summary>
[TestFixture]
public sealed class StartUpPipelineTests
{
    [Test]
    public void InOrder_StepOnAnotherThread_HandsResultsOutInItemOrder()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        var items = Enumerable.Range(0, 200).ToList();

        var pipeline = new InOrder<int, int>(items, i =>
        {
            lock (threads)
            {
                threads.Add(Environment.CurrentManagedThreadId);
            }

            return i * 3;
        });
        var results = Enumerable.Range(0, pipeline.Count).Select(i => pipeline[i]).ToList();

        results.Should().Equal(items.Select(i => i * 3));
        threads.Should().HaveCount(200).And.NotContain(caller);
    }

    [Test]
    public void InOrder_StepThrows_EarlierResultsStandAndThatItemAndLaterOnesThrow()
    {
        var pipeline = new InOrder<int, int>([1, 2, 3, 4], i => i == 3 ? throw new InvalidOperationException("item 3") : i);

        var earlier = new[] { pipeline[0], pipeline[1] };

        earlier.Should().Equal(1, 2);
        FluentActions.Invoking(() => pipeline[2]).Should().Throw<InvalidOperationException>().WithMessage("item 3");
        FluentActions.Invoking(() => pipeline[3]).Should().Throw<InvalidOperationException>().WithMessage("item 3");
    }

    [Test]
    public void Load_FilesWithProblems_ReportsWhatLoadingEachFileAloneReportsInFileOrder()
    {
        var files = RuleBaseLoader.DefaultRuleFiles.Concat(
        [
            new RuleSourceFile("a-broken.yaml", "ruleSet: [\n  id: x\n"),
            new RuleSourceFile("m-unknown.yaml", "colour: blue\n"),
            new RuleSourceFile("p-empty.yaml", "# nothing\n"),
            new RuleSourceFile("s-bad-set.yaml", "ruleSet:\n  id: bad set\nrules: 3\n"),
        ]).ToList();
        var alone = files.OrderBy(f => f.Name, StringComparer.Ordinal).SelectMany(f =>
        {
            var bag = new DiagnosticBag();
            RuleFileLoader.Load([f], bag);
            return bag.Items;
        }).ToList();

        var together = new DiagnosticBag();
        var loaded = RuleFileLoader.Load(files, together);

        alone.Count(d => d.Severity == DiagnosticSeverity.Error).Should().BeGreaterThanOrEqualTo(4);
        together.Items.Should().Equal(alone);
        loaded.RuleSets.Should().HaveCount(RuleFileLoader.Load(RuleBaseLoader.DefaultRuleFiles, new DiagnosticBag()).RuleSets.Length);
    }

    [Test]
    public void LoadAndCheck_RepeatedFromScratch_GivesTheSameRulesDiagnosticsAndContentHash()
    {
        var first = RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles);

        var repeats = Enumerable.Range(0, 10).Select(_ => RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles)).ToList();

        repeats.Select(r => r.Rules.ContentHash).Should().AllBe(first.Rules.ContentHash);
        repeats.Select(r => string.Join('\n', r.Diagnostics)).Should().AllBe(string.Join('\n', first.Diagnostics));
        repeats.Select(r => string.Join(',', r.Rules.Rules.Select(x => x.Id))).Should().AllBe(string.Join(',', first.Rules.Rules.Select(x => x.Id)));
    }

    [Test]
    public void Compile_DefinitionsBuiltOnAnotherThread_GivesTheNetworkOfASequentialBuild()
    {
        var (rules, _) = RuleBaseLoader.LoadAndCheck(RuleBaseLoader.DefaultRuleFiles);
        var values = rules.Parameters.Values.ToDictionary(p => p.Id, p => p.Default, StringComparer.Ordinal);
        var factory = new ReteRuleFactory(values);
        var definitions = new List<IRuleDefinition>();
        var impossible = new List<string>();
        foreach (var rule in rules.Rules)
        {
            if (factory.Build(rule) is { } definition)
            {
                definitions.Add(definition);
            }
            else
            {
                impossible.Add(rule.Id);
            }
        }

        var sequential = new RuleCompiler(new RuleCompilerOptions { UnsupportedExpressionHandling = RuleCompilerUnsupportedExpressionsHandling.TreatAsNotEqual })
        {
            ExpressionCompiler = new FastExpressionCompilerAdapter(),
        }.Compile(definitions);

        var pipelined = RuleBaseCompiler.Compile(rules, null);

        Shape(pipelined.SessionFactory.GetSchema()).Should().Equal(Shape(sequential.GetSchema()));
        pipelined.RulesImpossibleUnderProfile.Should().Equal(impossible);
        pipelined.MatchedListTypes.Should().BeEquivalentTo(factory.MatchedListTypes);
    }

    /// <summary>Every node (type, output, properties, expressions, rules) and link, in order, as text.</summary>
    private static List<string> Shape(ReteGraph graph) =>
    [
        .. graph.Nodes.Select(n => string.Join(" | ",
            n.Id, n.NodeType, n.OutputType?.Name,
            string.Join(";", n.Properties.Select(p => $"{p.Key}={p.Value}")),
            string.Join(";", n.Expressions.Select(e => $"{e.Key}={e.Value}")),
            string.Join(";", n.Rules.Select(r => r.Name)))),
        .. graph.Links.Select(l => $"{l.Source.Id}->{l.Target.Id}"),
    ];
}
