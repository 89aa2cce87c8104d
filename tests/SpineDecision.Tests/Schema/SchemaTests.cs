using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using SpineDecision.Tests.Cli;

namespace SpineDecision.Tests.Schema;

public sealed partial class SchemaTests
{
    public static IEnumerable<TestCaseData> ShippedFiles()
    {
        var root = CliRunner.RepositoryRoot;
        var rules = Directory.EnumerateFiles(Path.Combine(root, "rules"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Path.Combine(root, "rules"), f).StartsWith("schema", StringComparison.Ordinal));
        var cases = Directory.EnumerateFiles(Path.Combine(root, "samples", "cases"), "*.yaml");
        return rules.Concat(cases).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName($"ShippedFile_ValidatesAgainstTheSchemaItNames({f})"));
    }

    [TestCaseSource(nameof(Names))]
    public void Schema_IsValidDraft202012(string name)
    {
        var json = Schemas.Json(name);

        var results = MetaSchemas.Draft202012.Evaluate(json, new Json.Schema.EvaluationOptions { OutputFormat = OutputFormat.List });

        results.IsValid.Should().BeTrue();
        json["$schema"]!.GetValue<string>().Should().Be("https://json-schema.org/draft/2020-12/schema");
        json["additionalProperties"]!.GetValue<bool>().Should().BeFalse("the schemas are closed like the loader");
        json["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [TestCaseSource(nameof(Names))]
    public void Schema_EveryObjectIsClosedAndEveryPropertyDescribed(string name)
    {
        var problems = new List<string>();
        Walk(Schemas.Json(name), "#", problems);

        problems.Should().BeEmpty();
    }

    [TestCaseSource(nameof(ShippedFiles))]
    public void ShippedFile_ValidatesAgainstTheSchemaItNames(string relative)
    {
        var path = Path.Combine(CliRunner.RepositoryRoot, relative);
        var text = File.ReadAllText(path);
        var match = SchemaComment().Match(text.ReplaceLineEndings("\n").Split('\n')[0]);
        match.Success.Should().BeTrue($"{relative} must start with '# yaml-language-server: $schema=<relative path>'");
        var schemaPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, match.Groups[1].Value));
        File.Exists(schemaPath).Should().BeTrue($"{relative} names {match.Groups[1].Value}, which does not exist");
        var instance = YamlToJson.Convert(text, relative);

        var expected = ExpectedSchema(relative, instance);

        Path.GetFileName(schemaPath).Should().Be($"{expected}.schema.json");
        Path.GetDirectoryName(schemaPath).Should().Be(Path.GetFullPath(Schemas.Folder));
        Schemas.Errors(expected, instance).Should().BeEmpty();
    }

    [TestCase("rules", "ruleSet: { id: x }\n", TestName = "Invalid_RuleSetHeaderMissingKeys")]
    [TestCase("rules", "ruleSet: {}\nrulez: []\n", TestName = "Invalid_RuleFileUnknownTopLevelKey")]
    [TestCase("rules", Header + "  version: 1.0.0\n  status: published\n", TestName = "Invalid_RuleSetStatusNotAChoice")]
    [TestCase("rules", Header + "  status: draft\n  version: \"1.0\"\n", TestName = "Invalid_RuleSetVersionNotSemantic")]
    [TestCase("rules", Valid + "  sources: [{ id: S, citation: C, evidence: X }]\n", TestName = "Invalid_SourceEvidenceNotVSU")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, when: [], then: [{ ask: { datum: x, why: y } }] }\n", TestName = "Invalid_RuleWithoutCites")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [], then: [] }\n", TestName = "Invalid_RuleWithoutActions")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [{ check: x, exists: y }], then: [{ ask: { datum: x, why: y } }] }\n", TestName = "Invalid_ConditionWithTwoKinds")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [{ exists: procedure, as: p }], then: [{ ask: { datum: x, why: y } }] }\n", TestName = "Invalid_ExistsWithAs")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [{ count: procedure }], then: [{ ask: { datum: x, why: y } }] }\n", TestName = "Invalid_CountWithoutBounds")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [{ exists: procedure, within: twelve months }], then: [{ ask: { datum: x, why: y } }] }\n", TestName = "Invalid_WithinNotANumberAndUnit")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [{ any: [{ match: procedure }] }], then: [{ ask: { datum: x, why: y } }] }\n", TestName = "Invalid_AnyAlternativeBindsAFact")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [], then: [{ ask: { datum: x, why: y }, alert: { category: safety, severity: warning, text: t } }] }\n", TestName = "Invalid_ActionWithTwoKinds")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [], then: [{ withhold: { procedure: a, group: b, reason: safety, text: t } }] }\n", TestName = "Invalid_WithholdProcedureAndGroup")]
    [TestCase("rules", Valid + "rules:\n  - { id: R-1, title: T, cites: [S], when: [], then: [{ recommend: { procedure: a, intent: curative, strength: recommended, rationale: r } }] }\n", TestName = "Invalid_RecommendIntentNotAChoice")]
    [TestCase("rules", Valid + "parameters:\n  - { id: p, type: boolean, default: 3, description: d, sources: [SRC] }\n", TestName = "Invalid_BooleanParameterWithNumberDefault")]
    [TestCase("rules", Valid + "parameters:\n  - { id: p, default: 3, description: d }\n", TestName = "Invalid_ParameterWithoutSources")]
    [TestCase("rules", Valid + "parameters:\n  - { id: p, default: 3, description: d, sources: [] }\n", TestName = "Invalid_ParameterWithEmptySources")]
    [TestCase("rules", Valid + "conclusions:\n  - { id: c, description: d, attributes: { a: integer } }\n", TestName = "Invalid_ConclusionAttributeType")]
    [TestCase("vocabulary", "vocabulary:\n  - set: s\n    concepts: [{ id: a, display: A, codes: [CPT64633] }]\n", TestName = "Invalid_ConceptCodeWithoutSystem")]
    [TestCase("vocabulary", "vocabulary:\n  - set: s\n    concepts: [{ id: a }]\n", TestName = "Invalid_ConceptWithoutDisplay")]
    [TestCase("vocabulary", "vocabulary:\n  - set: s\n    concepts: [{ id: a, display: A, sharedCodes: [\"CPT:6449*\"] }]\n", TestName = "Invalid_SharedCodeWithPrefixStar")]
    [TestCase("vocabulary", "vocabulary:\n  - set: s\n    concepts: [{ id: a, display: A, codes: [\"ICD10CM:*\"] }]\n", TestName = "Invalid_PrefixClaimWithoutCode")]
    [TestCase("vocabulary", "codeSystems: [{ prefix: icd10cm, uri: \"http://hl7.org/fhir/sid/icd-10-cm\", display: ICD-10-CM }]\nvocabulary: []\n", TestName = "Invalid_CodeSystemPrefixLowerCase")]
    [TestCase("profile", "profile: { id: p, title: P }\nparameters: { esiMinPainWeeks: six }\n", TestName = "Invalid_ProfileParameterNotANumber")]
    [TestCase("profile", "profile: { id: p, title: P, default: maybe }\n", TestName = "Invalid_ProfileDefaultNotBoolean")]
    [TestCase("scenarios", "scenarios:\n  - { id: S-1, given: { assessmentDate: 2026-11-01 } }\n", TestName = "Invalid_ScenarioWithoutExpect")]
    [TestCase("scenarios", "scenarios:\n  - { id: S-1, given: { assessmentDate: 2026-11-01, pain: { nrs: 11 } }, expect: {} }\n", TestName = "Invalid_ScenarioCaseThroughRef")]
    [TestCase("scenarios", "scenarios:\n  - { id: S-1, given: { assessmentDate: 2026-11-01 }, expect: { noAlerts: sometimes } }\n", TestName = "Invalid_ScenarioNoAlertsNotBoolean")]
    [TestCase("case", "pain: { nrs: 5 }\n", TestName = "Invalid_CaseWithoutAssessmentDate")]
    [TestCase("case", "assessmentDate: 2026-11-01\npain: { nrs: 11 }\n", TestName = "Invalid_CaseNrsAboveTen")]
    [TestCase("case", "assessmentDate: 2026-11-01\npriorProcedures: [{ procedure: mbb, reliefPercent: 140 }]\n", TestName = "Invalid_CaseReliefAbove100")]
    [TestCase("case", "assessmentDate: 2026-11-01\npriorProcedures: [{ region: lumbar }]\n", TestName = "Invalid_CaseProcedureWithoutProcedure")]
    [TestCase("case", "assessmentDate: 2026-11-01\nredFlags: fever\n", TestName = "Invalid_CaseRedFlagsNotAList")]
    [TestCase("case", "assessmentDate: 11/01/2026\n", TestName = "Invalid_CaseDateNotIso")]
    [TestCase("case", "assessmentDate: 2026-11-01\npatient: { age: 62, gender: female }\n", TestName = "Invalid_CaseUnknownKey")]
    public void InvalidDocument_IsRejectedByTheSchema(string schema, string yaml)
    {
        Schemas.Errors(schema, YamlToJson.Convert(yaml)).Should().NotBeEmpty();
    }

    [TestCase("case", "assessmentDate: 2026-11-01\n")]
    [TestCase("case", "{ \"assessmentDate\": \"2026-11-01\", \"pain\": { \"nrs\": 7, \"region\": null }, \"redFlags\": [\"fever\", { \"flag\": \"night-pain\", \"explained\": true }], \"medications\": null }")]
    [TestCase("profile", "profile: { id: p, title: P, sources: S }\nparameters: {}\n")]
    [TestCase("vocabulary", "vocabulary:\n  - set: s\n    concepts: [{ id: a, display: A, codes: \"CPT:1\", groups: g }]\n")]
    public void MinimalDocument_IsAccepted(string schema, string yaml)
    {
        Schemas.Errors(schema, YamlToJson.Convert(yaml)).Should().BeEmpty();
    }

    private const string Header = "ruleSet:\n  id: x\n  title: X\n  description: D\n  developer: Dev\n  funding: F\n  released: 2026-01-01\n  revised: 2026-01-01\n";

    private const string Valid = Header + "  version: 1.0.0\n  status: draft\n";

    private static IEnumerable<string> Names() => Schemas.Names;

    private static string ExpectedSchema(string relative, JsonNode? instance)
    {
        if (relative.StartsWith("samples/", StringComparison.Ordinal))
        {
            return "case";
        }

        var keys = instance?.AsObject().Select(p => p.Key).ToList() ?? [];
        return keys.Contains("ruleSet") ? "rules" : keys.Contains("vocabulary") ? "vocabulary" : keys.Contains("profile") ? "profile" : "scenarios";
    }

    /// <summary>Every object schema with properties is closed, and every property has a description for completion.</summary>
    private static void Walk(JsonNode? node, string path, List<string> problems)
    {
        if (node is JsonObject obj)
        {
            if (obj["properties"] is JsonObject properties)
            {
                if (obj["additionalProperties"] is not JsonValue closed || closed.GetValue<bool>())
                {
                    problems.Add($"{path} has properties but is not closed (additionalProperties: false)");
                }

                foreach (var (name, property) in properties)
                {
                    if (property is JsonObject p && p["description"] is null && p["$ref"] is null)
                    {
                        problems.Add($"{path}/properties/{name} has no description");
                    }

                    Walk(property, $"{path}/properties/{name}", problems);
                }
            }

            // if/then/else only refine a closed object; they are not objects of their own.
            foreach (var (key, child) in obj.Where(p => p.Key is not ("properties" or "if" or "then" or "else")))
            {
                Walk(child, $"{path}/{key}", problems);
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], $"{path}/{i}", problems);
            }
        }
    }

    [GeneratedRegex(@"^# yaml-language-server: \$schema=(\S+)$")]
    private static partial Regex SchemaComment();
}
