using SpineDecision.Cli.Inputs;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Scenarios;

namespace SpineDecision.Tests.Scenarios;

/// <summary>Runs every shipped <c>rules/**/*.scenarios.yaml</c> scenario as one NUnit test case named by its id.</summary>
[TestFixture]
public sealed class ShippedScenarioTests
{
    internal static readonly Lazy<(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<RuleDiagnostic> Diagnostics)> Loaded = new(() =>
    {
        var diagnostics = new DiagnosticBag();
        var scenarios = ScenarioFileLoader.Load(ScenarioFileLoader.FilesIn(RulesFolder), diagnostics);
        return (scenarios, diagnostics.Items);
    });

    internal static readonly Lazy<ScenarioRunner> Runner = new(() => new ScenarioRunner(RuleBaseLoader.DefaultRuleFiles, FhirScenarioCases.Instance));

    internal static string RulesFolder => Path.Combine(AppContext.BaseDirectory, "rules");

    public static IEnumerable<TestCaseData> AllScenarios() =>
        Loaded.Value.Scenarios.Select(s => new TestCaseData(s.Id).SetName(s.Id).SetDescription(s.Description));

    [Test]
    public void ScenarioFiles_AreValid()
    {
        Loaded.Value.Diagnostics.Should().BeEmpty();
    }

    [TestCaseSource(nameof(AllScenarios))]
    public void Scenario_Passes(string id)
    {
        var scenario = Loaded.Value.Scenarios.Single(s => s.Id == id);

        var result = Runner.Value.Run(scenario);

        result.Failures.Should().BeEmpty($"scenario {id} at {scenario.At}: {scenario.Description}");
    }

    [Test]
    public void EveryDefaultRule_IsFiredByAtLeastOneScenario()
    {
        var fired = Loaded.Value.Scenarios.SelectMany(s => Runner.Value.Run(s).Fired).ToHashSet(StringComparer.Ordinal);
        var all = Runner.Value.EngineFor(null).Compiled.Rules.Rules.Select(r => r.Id);

        all.Where(id => !fired.Contains(id)).Should().BeEmpty("every shipped rule must be exercised by a scenario");
    }
}
