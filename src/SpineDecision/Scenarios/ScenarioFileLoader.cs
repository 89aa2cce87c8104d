using System.Collections.Frozen;
using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Yaml;
using SpineDecision.Reports;

namespace SpineDecision.Scenarios;

/// <summary>Reads <c>*.scenarios.yaml</c> files: strict like rule files, every problem located.</summary>
internal static class ScenarioFileLoader
{
    private static readonly FrozenSet<string> DispositionValues = FrozenSet.Create(StringComparer.Ordinal,
        Dispositions.Proceed, Dispositions.Conditional, Dispositions.InformationNeeded, Dispositions.NotIndicated, Dispositions.Defer, Dispositions.UrgentEvaluation);

    public static IReadOnlyList<Scenario> Load(IEnumerable<RuleSourceFile> files, DiagnosticBag diagnostics)
    {
        var scenarios = new List<Scenario>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var root = YamlTreeReader.Read(file.Content, file.Name, diagnostics);
            if (root is not null)
            {
                SafeText.Check(root, diagnostics);
            }

            var binder = new YamlBinder(diagnostics);
            var map = binder.Mapping(root, "a scenario file");
            if (map is null)
            {
                continue;
            }

            foreach (var node in map.Sequence("scenarios", required: true))
            {
                if (Read(binder, node) is not { } scenario)
                {
                    continue;
                }

                if (seen.TryGetValue(scenario.Id, out var first))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateDefinition, scenario.At, $"scenario id '{scenario.Id}' is already used at {first}");
                    continue;
                }

                seen[scenario.Id] = scenario.At;
                scenarios.Add(scenario);
            }

            map.Done();
        }

        return scenarios;
    }

    /// <summary>Every <c>*.scenarios.yaml</c> under a folder, in ordinal path order.</summary>
    public static IReadOnlyList<RuleSourceFile> FilesIn(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.scenarios.yaml", SearchOption.AllDirectories)
            .Select(p => p.Replace('\\', '/')).Order(StringComparer.Ordinal)
            .Select(p => new RuleSourceFile(p, File.ReadAllText(p)))];

    /// <summary><c>whyNot: { procedure-id: [parameter or field, …] }</c>, in the order written.</summary>
    private static ImmutableArray<(string, ImmutableArray<string>)> WhyNot(YamlBinder binder, YNode? node)
    {
        if (node is null || node is YScalar { IsNull: true })
        {
            return [];
        }

        if (node is not YMapping map)
        {
            binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, node.At,
                $"'whyNot' must be a mapping of procedure ids to the parameters or fields their unmet criteria name, not {node.KindName}");
            return [];
        }

        return [.. map.Entries.Select(e => (e.Key.Value, binder.StringList(e.Value, $"'whyNot.{e.Key.Value}'").Select(v => v.Value).ToImmutableArray()))];
    }

    private static Scenario? Read(YamlBinder binder, YNode node)
    {
        var map = binder.Mapping(node, "a scenario");
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var description = map.String("description") ?? string.Empty;
        var profile = map.String("profile");
        var request = map.String("request");
        var locations = new CaseLocations();
        var errorsBefore = binder.Diagnostics.Items.Count;
        var given = PatientCaseReader.TryRead(map.Node("given", required: true), binder, locations);
        var expectMap = binder.Mapping(map.Node("expect", required: true), "'expect'");
        ScenarioExpectations? expect = null;
        if (expectMap is not null)
        {
            ImmutableArray<string> List(string key) => [.. expectMap.StringList(key).Select(v => v.Value)];
            expect = new ScenarioExpectations(
                List("recommended"), List("notRecommended"), List("withheld"), List("notWithheld"),
                List("alerts"), expectMap.Boolean("noAlerts"), List("informationNeeded"), List("fired"), List("notFired"),
                expectMap.OneOf("disposition", DispositionValues), expectMap.OneOf("requestDisposition", DispositionValues), List("precautions"),
                WhyNot(binder, expectMap.Node("whyNot")));
            expectMap.Done();
        }

        map.Done();
        if (id is null || expect is null || binder.Diagnostics.Items.Count > errorsBefore && given is null)
        {
            return null;
        }

        return new Scenario(id, description, profile, request, given, expect, map.At);
    }
}
