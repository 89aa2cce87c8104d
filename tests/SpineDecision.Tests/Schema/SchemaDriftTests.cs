using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Loading;
using SpineDecision.Scenarios;

namespace SpineDecision.Tests.Schema;

/// <summary>
/// Keeps the schemas and the loaders in step: a document using every key loads cleanly and validates, and for each
/// object an unknown key is rejected by both, the loader listing exactly the keys the schema declares.
/// </summary>
public sealed partial class SchemaDriftTests
{
    private const string RuleFile = """
        ruleSet:
          id: t
          title: T
          version: 1.0.0
          status: draft
          description: D
          developer: Dev
          funding: F
          released: 2026-01-01
          revised: 2026-01-01
          reviewers: [R]
          sources:
            - { id: SRC, citation: C, evidence: U, url: u }
        parameters:
          - { id: p, type: number, default: 1, unit: u, description: d, sources: [SRC] }
        conclusions:
          - { id: c, description: d, attributes: { a: number } }
        rules:
          - id: T-1
            title: t
            description: d
            cites: [SRC]
            priority: 1
            when:
              - check: "pain.nrs > 1"
              - match: procedure
                as: m
                where: "reliefPercent > 1"
                within: 12 months
              - exists: procedure
                where: "reliefPercent > 2"
                within: 2 weeks
              - none: procedure
                where: "reliefPercent > 3"
                within: 1 year
              - count: procedure
                as: n
                where: "reliefPercent > 4"
                within: 30 days
                atLeast: 1
                atMost: 2
              - any:
                  - check: "pain.nrs > 2"
            then:
              - derive: { conclusion: c, with: { a: 1 } }
              - recommend: { procedure: x, intent: diagnostic, strength: recommended, approach: y, region: pain.region, side: pain.laterality, levels: "1", rationale: r, nextSteps: [s] }
              - withhold: { procedure: x, reason: safety, text: t, until: u }
              - caution: { group: g, reason: precaution, severity: advisory, text: t }
              - alert: { category: safety, severity: warning, text: t, actions: [a] }
              - ask: { datum: pain.nrs, why: w, unlocks: [x] }
        """;

    private const string VocabularyFile = """
        codeSystems:
          - { prefix: X, uri: "http://example.org/x", display: X }
        vocabulary:
          - set: s
            description: d
            concepts:
              - { id: c, display: C, codes: ["X:1", "X:2*"], sharedCodes: ["X:3"], groups: [g], description: d }
              - { id: k, display: K, kindOf: c }
        """;

    private const string ProfileFile = """
        profile: { id: p, title: P, description: d, default: true, sources: [S] }
        parameters: { x: 1 }
        """;

    private const string ScenarioFile = """
        scenarios:
          - id: S-1
            description: d
            profile: medicare
            given: { assessmentDate: 2026-11-01 }
            expect: { recommended: [a], notRecommended: [b], withheld: [c], notWithheld: [d], alerts: [e], noAlerts: true, informationNeeded: [f], fired: [g], notFired: [h] }
          - id: S-2
            givenFhir: { bundle: fhir/b.json, assessmentDate: 2026-11-01 }
            expect: { mapping: { mapped: [pain.nrs], ignored: [Condition/c-2], unknown: [redFlags] } }
        """;

    private const string CaseFile = """
        caseFormat: 2
        id: c
        assessmentDate: 2026-11-01
        patient: { age: 50, sex: female, pregnant: false, gestationWeeks: 0, hospitalised: false }
        pain: { region: lumbar, pattern: axial, laterality: left, locations: [{ site: buttock, side: left, dermatome: S1, text: t }, psis], durationWeeks: 10, onsetDate: 2026-08-01, nrs: 5, disabilityScale: odi, disabilityScore: 30, worsening: false }
        exam: { findings: [{ test: thigh-thrust, result: positive, side: left, root: L5, grade: 4, location: psis, text: t }, faber], siProvocationPositive: 0, myelopathicSigns: false, imagingConcordant: true, rootLevelUncertain: false }
        labs: { inr: 1.0, inrDate: 2026-10-01, platelets: 200, plateletsDate: 2026-10-01, hbA1c: 6, hbA1cDate: 2026-10-01, glucose: 100, glucoseDate: 2026-10-01, creatinine: 1.0, creatinineDate: 2026-10-01 }
        psychosocial: { evaluation: cleared, evaluationDate: 2026-09-01, untreatedSubstanceUse: false, uncontrolledPsychiatricIllness: false, opioidReductionAgreed: true }
        referral: { question: treatment, requestedProcedure: "CPT:64635" }
        diagnoses: [{ code: disc-herniation, status: confirmed, levels: [L4-L5], side: left, root: L5, onsetDate: 2026-08-01, text: t }, "ICD10CM:M54.16"]
        imaging: [{ modality: mri, date: 2026-10-01, bodySite: lumbar, result: abnormal, findings: [{ finding: disc-herniation, level: L4-L5, side: left, root: L5, acute: false, marrowOedema: false, boneScanUptake: false, heightLossPercent: 0, text: t }], text: t }]
        conservativeCare: [{ modality: nsaid, weeks: 6, startDate: 2026-08-01, endDate: 2026-09-12, outcome: failed, text: t }]
        priorProcedures: [{ procedure: medial-branch-block, region: lumbar, date: 2026-09-01, levels: [L4-L5, L5-S1], levelCount: 2, side: left, approach: transforaminal, agent: lidocaine, guidance: fluoroscopy, painBefore: 8, painAfter: 2, reliefPercent: 75, reliefDuration: 6, reliefDurationUnit: hours, functionBefore: 40, functionAfter: 30, functionalImprovementPercent: 25, text: t }]
        devices: [{ kind: scs, status: explanted, reason: loss-of-effect, date: 2025-01-01, text: t }]
        redFlags: [{ flag: fever, explained: true, text: t }, night-pain]
        contraindications: [{ condition: pregnancy, managed: false, text: t }]
        medications: [{ class: anticoagulant, name: apixaban, mmePerDay: 0, lastDoseDate: 2026-10-30, text: t }]
        allergies: [{ substance: latex, text: t }]
        comorbidities: [pacemaker]
        trials: [{ kind: scs, date: 2026-10-15, reliefPercent: 60, durationDays: 7, functionalImprovement: true }]
        lifeExpectancyMonths: 120
        """;

    public static IEnumerable<TestCaseData> Objects()
    {
        // (loader, document, text to find, its replacement adding an unknown key (null: "{ " becomes "{ zzUnknown: 1, "),
        //  schema, JSON pointer of the properties the schema declares for that object)
        object?[][] rows =
        [
            ["rules", RuleFile, "ruleSet:\n", "zzUnknown: 1\nruleSet:\n", "rules", "/properties"],
            ["rules", RuleFile, "  id: t\n", "  id: t\n  zzUnknown: 1\n", "rules", "/$defs/header/properties"],
            ["rules", RuleFile, "{ id: SRC,", null, "rules", "/$defs/source/properties"],
            ["rules", RuleFile, "{ id: p,", null, "rules", "/$defs/parameter/properties"],
            ["rules", RuleFile, "{ id: c,", null, "rules", "/$defs/conclusion/properties"],
            ["rules", RuleFile, "    title: t\n", "    title: t\n    zzUnknown: 1\n", "rules", "/$defs/rule/properties"],
            ["rules", RuleFile, "      - check: \"pain.nrs > 1\"\n", "      - check: \"pain.nrs > 1\"\n        zzUnknown: 1\n", "rules", "/$defs/check/properties"],
            ["rules", RuleFile, "      - match: procedure\n", "      - match: procedure\n        zzUnknown: 1\n", "rules", "/$defs/match/properties"],
            ["rules", RuleFile, "      - exists: procedure\n", "      - exists: procedure\n        zzUnknown: 1\n", "rules", "/$defs/exists/properties"],
            ["rules", RuleFile, "      - none: procedure\n", "      - none: procedure\n        zzUnknown: 1\n", "rules", "/$defs/none/properties"],
            ["rules", RuleFile, "      - count: procedure\n", "      - count: procedure\n        zzUnknown: 1\n", "rules", "/$defs/count/properties"],
            ["rules", RuleFile, "      - any:\n", "      - zzUnknown: 1\n        any:\n", "rules", "/$defs/any/properties"],
            ["rules", RuleFile, "      - derive:", "      - zzUnknown: 1\n        derive:", "rules", "/$defs/action/properties"],
            ["rules", RuleFile, "{ conclusion: c,", null, "rules", "/$defs/derive/properties"],
            ["rules", RuleFile, "{ procedure: x, intent", null, "rules", "/$defs/recommend/properties"],
            ["rules", RuleFile, "{ procedure: x, reason", null, "rules", "/$defs/withhold/properties"],
            ["rules", RuleFile, "{ group: g, reason", null, "rules", "/$defs/caution/properties"],
            ["rules", RuleFile, "{ category: safety", null, "rules", "/$defs/alert/properties"],
            ["rules", RuleFile, "{ datum: pain.nrs", null, "rules", "/$defs/ask/properties"],
            ["rules", VocabularyFile, "vocabulary:\n", "zzUnknown: 1\nvocabulary:\n", "vocabulary", "/properties"],
            ["rules", VocabularyFile, "    description: d\n", "    description: d\n    zzUnknown: 1\n", "vocabulary", "/$defs/set/properties"],
            ["rules", VocabularyFile, "{ id: c,", null, "vocabulary", "/$defs/concept/properties"],
            ["rules", VocabularyFile, "{ prefix: X,", null, "vocabulary", "/$defs/codeSystem/properties"],
            ["rules", ProfileFile, "profile:", "zzUnknown: 1\nprofile:", "profile", "/properties"],
            ["rules", ProfileFile, "{ id: p,", null, "profile", "/properties/profile/properties"],
            ["scenarios", ScenarioFile, "scenarios:\n", "zzUnknown: 1\nscenarios:\n", "scenarios", "/properties"],
            ["scenarios", ScenarioFile, "    description: d\n", "    description: d\n    zzUnknown: 1\n", "scenarios", "/$defs/scenario/properties"],
            ["scenarios", ScenarioFile, "{ recommended:", null, "scenarios", "/$defs/expect/properties"],
            ["scenarios", ScenarioFile, "{ bundle:", null, "scenarios", "/$defs/givenFhir/properties"],
            ["scenarios", ScenarioFile, "{ mapped:", null, "scenarios", "/$defs/mapping/properties"],
            ["case", CaseFile, "id: c\n", "id: c\nzzUnknown: 1\n", "case", "/properties"],
            ["case", CaseFile, "{ age: 50", null, "case", "/properties/patient/properties"],
            ["case", CaseFile, "{ region: lumbar", null, "case", "/properties/pain/properties"],
            ["case", CaseFile, "{ findings:", null, "case", "/properties/exam/properties"],
            ["case", CaseFile, "{ inr: 1.0", null, "case", "/properties/labs/properties"],
            ["case", CaseFile, "{ evaluation: cleared", null, "case", "/properties/psychosocial/properties"],
            ["case", CaseFile, "{ question: treatment", null, "case", "/properties/referral/properties"],
            ["case", CaseFile, "{ site: buttock", null, "case", "/$defs/painLocation/properties"],
            ["case", CaseFile, "{ test: thigh-thrust", null, "case", "/$defs/examFinding/properties"],
            ["case", CaseFile, "{ code: disc-herniation", null, "case", "/$defs/diagnosis/properties"],
            ["case", CaseFile, "{ modality: mri", null, "case", "/$defs/imagingStudy/properties"],
            ["case", CaseFile, "{ finding: disc-herniation", null, "case", "/$defs/imaging/properties"],
            ["case", CaseFile, "{ modality: nsaid", null, "case", "/$defs/therapy/properties"],
            ["case", CaseFile, "{ procedure: medial-branch-block", null, "case", "/$defs/procedure/properties"],
            ["case", CaseFile, "{ kind: scs, status", null, "case", "/$defs/device/properties"],
            ["case", CaseFile, "{ flag: fever", null, "case", "/$defs/redFlag/properties"],
            ["case", CaseFile, "{ condition: pregnancy", null, "case", "/$defs/contraindication/properties"],
            ["case", CaseFile, "{ class: anticoagulant", null, "case", "/$defs/medication/properties"],
            ["case", CaseFile, "{ substance: latex", null, "case", "/$defs/allergy/properties"],
            ["case", CaseFile, "{ kind: scs, date", null, "case", "/$defs/trial/properties"],
        ];
        return rows.Select(r => new TestCaseData(r)
            .SetName($"UnknownKey_RejectedByLoaderAndSchemaAlike({r[4]}{r[5]})"));
    }

    [TestCase("rules", RuleFile, "rules")]
    [TestCase("rules", VocabularyFile, "vocabulary")]
    [TestCase("rules", ProfileFile, "profile")]
    [TestCase("scenarios", ScenarioFile, "scenarios")]
    [TestCase("case", CaseFile, "case")]
    public void DocumentUsingEveryKey_LoadsWithoutStructureErrorsAndValidates(string loader, string yaml, string schema)
    {
        Load(loader, yaml).Where(d => d.Code is DiagnosticCodes.UnknownKey or DiagnosticCodes.MissingKey or DiagnosticCodes.WrongNodeKind or DiagnosticCodes.InvalidValue or DiagnosticCodes.InvalidChoice)
            .Should().BeEmpty();
        Schemas.Errors(schema, YamlToJson.Convert(yaml)).Should().BeEmpty();
    }

    [TestCaseSource(nameof(Objects))]
    public void UnknownKey_RejectedByLoaderAndSchemaAlike(string loader, string yaml, string find, string? replacement, string schema, string path)
    {
        var at = yaml.IndexOf(find, StringComparison.Ordinal);
        at.Should().BeGreaterThanOrEqualTo(0, $"'{find}' must occur in the document");
        var document = yaml[..at] + (replacement ?? "{ zzUnknown: 1, " + find[2..]) + yaml[(at + find.Length)..];
        var declared = Properties(Schemas.Json(schema), path);

        var unknownKey = Load(loader, document).Where(d => d.Code == DiagnosticCodes.UnknownKey).ToList();

        unknownKey.Should().ContainSingle($"the loader must reject the unknown key in:\n{document}");
        var expected = ExpectedKeys().Match(unknownKey[0].Message);
        expected.Success.Should().BeTrue(unknownKey[0].Message);
        expected.Groups[1].Value.Split(", ").Should().BeEquivalentTo(declared, $"the schema at {schema}#{path} must declare exactly the keys the loader reads");
        Schemas.Errors(schema, YamlToJson.Convert(document)).Should().NotBeEmpty();
    }

    private static IReadOnlyList<RuleDiagnostic> Load(string loader, string yaml)
    {
        var diagnostics = new DiagnosticBag();
        switch (loader)
        {
            case "rules":
                RuleFileLoader.Load([new RuleSourceFile("t.yaml", yaml)], diagnostics);
                return diagnostics.Items;
            case "scenarios":
                ScenarioFileLoader.Load([new RuleSourceFile("t.scenarios.yaml", yaml)], diagnostics);
                return diagnostics.Items;
            default:
                try
                {
                    PatientCaseReader.Read(yaml, "case.yaml");
                    return [];
                }
                catch (InvalidCaseException e)
                {
                    return [.. e.Problems.Select(p => new RuleDiagnostic(
                        p.Message.StartsWith("unknown key", StringComparison.Ordinal) ? DiagnosticCodes.UnknownKey : DiagnosticCodes.CaseInvalid,
                        DiagnosticSeverity.Error, p.Location ?? new SourceLocation("case.yaml", 1, 1), p.Message))];
                }
        }
    }

    private static IReadOnlyList<string> Properties(JsonObject schema, string path)
    {
        JsonNode? node = schema;
        foreach (var segment in path.Trim('/').Split('/'))
        {
            node = node![segment];
        }

        return [.. node!.AsObject().Select(p => p.Key)];
    }

    [GeneratedRegex("expected one of: (.+)$")]
    private static partial Regex ExpectedKeys();
}
