using SpineDecision.Cases;
using SpineDecision.Cli.Inputs;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;
using SpineDecision.Language.Yaml;
using SpineDecision.Scenarios;

namespace SpineDecision.Cli.Validate;

/// <summary>
/// Checks scenario files against the rules they test, beyond what the scenario loader can see alone: the case under
/// <c>given</c> must be valid for the vocabulary (SD0301), a scenario's profile must exist (SD0211), and every name
/// under <c>expect</c> must be one the rules can produce (SD0302), so that a misspelt <c>notRecommended</c> cannot
/// pass for ever. A case given as a FHIR file (<c>givenFhir</c>) must exist, map and be valid (SD0301 at its path).
/// </summary>
internal sealed class ScenarioChecker(CheckedRuleBase rules, DiagnosticBag diagnostics)
{
    private readonly HashSet<string> _procedures = rules.Vocabulary.ConceptsOf("procedure").Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _groups = rules.Vocabulary.ConceptsOf("procedure").SelectMany(c => c.Groups).Append("elective").ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _ruleIds = rules.Rules.Select(r => r.Id).Append(ReportBuilder.RedFlagSafetyRuleId).ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _alertCategories = new(["red-flag", "safety"], StringComparer.Ordinal);

    private static IEnumerable<string> PrecautionNames => RuleChecker.CautionReasons.Concat(RuleChecker.PrecautionSeverities);
    private readonly HashSet<string> _datums = rules.Rules.SelectMany(r => r.Definition.Then).Where(a => a.Kind == ActionKind.Ask)
        .Select(a => a.Datum).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>What a why-not criterion can name: parameters, case fields, fact types and conclusions with their fields.</summary>
    private readonly HashSet<string> _whyNotNames = rules.Parameters.Keys
        .Concat(FactSchema.Case.Fields.Keys)
        .Concat(FactSchema.ListTypes.Values.Concat(rules.Conclusions.Values).SelectMany(t => t.FieldNames.Select(f => $"{t.Name}.{f}").Append(t.Name)))
        .ToHashSet(StringComparer.Ordinal);

    public void Check(RuleSourceFile file)
    {
        // The scenario loader has already reported syntax and structure; read quietly and check meaning only.
        var quiet = new DiagnosticBag();
        if (YamlTreeReader.Read(file.Content, file.Name, quiet) is not YMapping root)
        {
            return;
        }

        foreach (var item in Entry(root, "scenarios") is YSequence list ? list.Items : [])
        {
            if (item is not YMapping scenario)
            {
                continue;
            }

            var id = (Entry(scenario, "id") as YScalar)?.Value ?? "?";
            if (Entry(scenario, "profile") is YScalar { IsNull: false } profile && !rules.Profiles.Any(p => p.Id == profile.Value))
            {
                var known = rules.Profiles.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
                diagnostics.Error(DiagnosticCodes.UnknownProfile, profile.At,
                    $"scenario '{id}' runs under unknown profile '{profile.Value}'{DidYouMean.Hint(profile.Value, known)}; the profiles are: {string.Join(", ", known)}");
            }

            CheckCase(id, Entry(scenario, "given"));
            if (Entry(scenario, "expect") is YMapping expect)
            {
                CheckExpectations(id, expect);
            }
        }
    }

    /// <summary>Maps the FHIR file of each scenario that gives one and validates the case, reporting at the file's path in
    /// the scenario: a missing or unreadable file, JSON that cannot be mapped, or a mapped case the vocabulary rejects.</summary>
    public void CheckFhirCases(IEnumerable<Scenario> scenarios)
    {
        foreach (var scenario in scenarios)
        {
            if (scenario.GivenFhir is not { } fhir)
            {
                continue;
            }

            var where = $"scenario '{scenario.Id}': givenFhir '{fhir.Bundle}'";
            var (read, problem) = ScenarioRunner.TryRead(FhirScenarioCases.Instance, fhir, rules.Vocabulary.Listing);
            if (problem is not null)
            {
                diagnostics.Error(DiagnosticCodes.CaseInvalid, fhir.At, $"{where}: {problem}");
            }

            foreach (var invalid in read is null ? [] : CaseValidator.Validate(read.Case, rules.Vocabulary))
            {
                diagnostics.Error(DiagnosticCodes.CaseInvalid, fhir.At, $"{where}: the mapped case is invalid: {invalid.Path}: {invalid.Message}");
            }
        }
    }

    private void CheckCase(string id, YNode? given)
    {
        if (given is null)
        {
            return;
        }

        var locations = new CaseLocations();
        if (PatientCaseReader.TryRead(given, new YamlBinder(new DiagnosticBag()), locations) is not { } patientCase)
        {
            return;
        }

        foreach (var problem in CaseValidator.Validate(patientCase, rules.Vocabulary, locations))
        {
            diagnostics.Error(DiagnosticCodes.CaseInvalid, problem.Location ?? given.At, $"scenario '{id}': {problem.Path}: {problem.Message}");
        }
    }

    private void CheckExpectations(string id, YMapping expect)
    {
        foreach (var (key, node) in expect.Entries.Select(e => (e.Key.Value, e.Value)))
        {
            var (known, what) = key switch
            {
                "recommended" or "notRecommended" => (_procedures, "a procedure id"),
                "withheld" or "notWithheld" => (_procedures.Concat(_groups).ToHashSet(StringComparer.Ordinal), "a procedure id or group"),
                "alerts" => (_ruleIds.Concat(_alertCategories).ToHashSet(StringComparer.Ordinal), "a rule id or an alert category (red-flag, safety)"),
                "informationNeeded" => (_datums, "a datum some rule asks for"),
                "fired" or "notFired" => (_ruleIds, "a rule id"),
                "precautions" => (_ruleIds.Concat(PrecautionNames).ToHashSet(StringComparer.Ordinal), "a rule id, precaution code or severity"),
                _ => (null, string.Empty),
            };

            if (key == "whyNot" && node is YMapping whyNot)
            {
                CheckWhyNot(id, whyNot);
                continue;
            }

            if (known is null)
            {
                continue;
            }

            foreach (var value in Values(node))
            {
                Known(id, key, value, known, what);
            }
        }
    }

    private void CheckWhyNot(string id, YMapping whyNot)
    {
        foreach (var (procedure, names) in whyNot.Entries.Select(e => (e.Key, e.Value)))
        {
            Known(id, "whyNot", procedure, _procedures, "a procedure id");
            foreach (var name in Values(names))
            {
                Known(id, $"whyNot.{procedure.Value}", name, _whyNotNames, "a parameter, case field, fact type or conclusion");
            }
        }
    }

    private void Known(string id, string key, YScalar value, HashSet<string> known, string what)
    {
        if (!known.Contains(value.Value))
        {
            diagnostics.Error(DiagnosticCodes.ScenarioUnknownReference, value.At,
                $"scenario '{id}' expects {key} '{value.Value}', which is not {what} of the loaded rules{DidYouMean.Hint(value.Value, known)}");
        }
    }

    private static IEnumerable<YScalar> Values(YNode node) => node switch
    {
        YScalar { IsNull: false } single => [single],
        YSequence list => list.Items.OfType<YScalar>().Where(s => !s.IsNull),
        _ => [],
    };

    private static YNode? Entry(YMapping map, string key) => map.Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
