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
                if (Read(binder, node, file.Name) is not { } scenario)
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

    private static Scenario? Read(YamlBinder binder, YNode node, string file)
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
        var (givenNode, fhirNode) = (map.Node("given"), map.Node("givenFhir"));
        if (givenNode is null && fhirNode is null)
        {
            binder.Diagnostics.Error(DiagnosticCodes.MissingKey, map.At,
                "a scenario is missing its case: 'given' (a case, in the case file format) or 'givenFhir' (a FHIR file and an assessment date)");
        }
        else if (givenNode is not null && fhirNode is not null)
        {
            binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, map.KeyAt("givenFhir"),
                "a scenario gives its case under 'given' or under 'givenFhir', not both");
        }

        var given = givenNode is null ? null : PatientCaseReader.TryRead(givenNode, binder, locations);
        var givenFhir = fhirNode is null || givenNode is not null ? null : ReadFhirReference(binder, fhirNode, file);
        var expectMap = binder.Mapping(map.Node("expect", required: true), "'expect'");
        ScenarioExpectations? expect = null;
        if (expectMap is not null)
        {
            ImmutableArray<string> List(string key) => [.. expectMap.StringList(key).Select(v => v.Value)];
            expect = new ScenarioExpectations(
                List("recommended"), List("notRecommended"), List("withheld"), List("notWithheld"),
                List("alerts"), expectMap.Boolean("noAlerts"), List("informationNeeded"), List("fired"), List("notFired"),
                expectMap.OneOf("disposition", DispositionValues), expectMap.OneOf("requestDisposition", DispositionValues), List("precautions"),
                WhyNot(binder, expectMap.Node("whyNot")), MappingExpectations(binder, expectMap, fhirNode is not null));
            expectMap.Done();
        }

        map.Done();
        if (id is null || expect is null || binder.Diagnostics.Items.Count > errorsBefore && given is null && givenFhir is null)
        {
            return null;
        }

        return new Scenario(id, description, profile, request, given, expect, map.At) { GivenFhir = givenFhir };
    }

    /// <summary><c>givenFhir: { bundle: path relative to the scenario file, assessmentDate: yyyy-MM-dd }</c>. The file is
    /// read when the scenario runs, by the runner's <see cref="IScenarioCaseSource"/>.</summary>
    private static ScenarioCaseReference? ReadFhirReference(YamlBinder binder, YNode node, string file)
    {
        var map = binder.Mapping(node, "'givenFhir'");
        if (map is null)
        {
            return null;
        }

        var bundle = map.String("bundle", required: true);
        var date = map.Date("assessmentDate", required: true);
        var at = map.Has("bundle") ? map.Node("bundle")!.At : map.At;
        map.Done();
        if (bundle is null || date is null)
        {
            return null;
        }

        if (Path.IsPathRooted(bundle) || bundle.Contains('\\', StringComparison.Ordinal))
        {
            binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, at,
                $"'givenFhir.bundle' must be a path relative to the scenario file, with '/' between folders, not '{SafeText.Printable(bundle)}'");
            return null;
        }

        var folder = Path.GetDirectoryName(file);
        var path = string.IsNullOrEmpty(folder) ? bundle : $"{folder.Replace('\\', '/')}/{bundle}";
        return new ScenarioCaseReference(bundle, path, date.Value, at);
    }

    /// <summary><c>expect.mapping: { mapped: [case paths], ignored: [resources or reasons], unknown: [case fields] }</c>:
    /// only for a case given as FHIR.</summary>
    private static ScenarioMappingExpectations? MappingExpectations(YamlBinder binder, MappingReader expect, bool givenAsFhir)
    {
        var node = expect.Node("mapping");
        if (node is null || node is YScalar { IsNull: true })
        {
            return null;
        }

        if (!givenAsFhir)
        {
            binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, expect.KeyAt("mapping"),
                "'expect.mapping' checks what a FHIR file mapped to: the scenario must give its case under 'givenFhir'");
        }

        var map = binder.Mapping(node, "'expect.mapping'");
        if (map is null)
        {
            return null;
        }

        ImmutableArray<string> List(string key) => [.. map.StringList(key).Select(v => v.Value)];
        var mapping = new ScenarioMappingExpectations(List("mapped"), List("ignored"), List("unknown"));
        map.Done();
        return mapping;
    }
}
