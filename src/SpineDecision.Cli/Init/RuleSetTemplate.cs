using System.Globalization;
using System.Text;

namespace SpineDecision.Cli.Init;

/// <summary>
/// What <c>spine-rules init</c> writes: a small rule set of one's own (a parameter with its source, an <c>ask</c> rule
/// for an unknown datum and a <c>caution</c> rule at the parameter's threshold) and scenarios testing each rule, the
/// threshold on both sides. The rules use the shipped vocabulary, so the folder validates with the shipped rules at
/// once. Each file names its JSON schema on its first line for the editor's completion.
/// </summary>
internal sealed class RuleSetTemplate
{
    private RuleSetTemplate(string id)
    {
        Id = id;
        RulePrefix = id.ToUpperInvariant();
        Parameter = Camel(id) + "MinNrs";
    }

    /// <summary>The rule set id and file name stem: the folder's name in kebab-case.</summary>
    public string Id { get; }

    private string RulePrefix { get; }

    private string Parameter { get; }

    /// <summary>A template named after the folder: letters and digits kept, lower case, everything else a hyphen.</summary>
    public static RuleSetTemplate For(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var id = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterOrDigit(c);
            if (keep || (id.Length > 0 && id[^1] != '-'))
            {
                id.Append(keep ? c : '-');
            }
        }

        var text = id.ToString().Trim('-');
        text = text.Length > 40 ? text[..40].TrimEnd('-') : text;
        return new RuleSetTemplate(text.Length == 0 || !char.IsAsciiLetter(text[0]) ? "my-" + (text.Length == 0 ? "rules" : text) : text);
    }

    public string RuleFileName => Id + ".yaml";

    public string ScenarioFileName => Id + ".scenarios.yaml";

    public string RuleFile(string released) => string.Create(CultureInfo.InvariantCulture, $$"""
        # yaml-language-server: $schema=schema/rules.schema.json
        # A rule set of your own, checked together with the rules shipped in SpineDecision (their vocabulary, profiles and
        # rule sets): 'spine-rules validate .' checks it, 'spine-rules test .' runs its scenarios, 'spine-rules coverage .'
        # says which of its rules the scenarios fire. The authoring guide is rules/README.md of the SpineDecision repository.
        ruleSet:
          id: {{Id}}
          title: {{Id}} - pain score documentation
          version: 0.1.0
          status: draft
          description: >
            Example rules to start from: ask for the pain score of a lumbar pain case when it is not documented, and note
            a low one. Replace them with your own, citing a source for every rule and threshold.
          developer: Your organisation
          funding: None
          released: {{released}}
          revised: {{released}}
          reviewers: [Pending clinical review]
          sources:
            - id: {{RulePrefix}}-POLICY
              citation: Your organisation's documentation policy (replace with the real citation)
              evidence: U
        parameters:
          - id: {{Parameter}}
            type: number
            unit: score
            default: 4
            description: Lowest NRS pain score (0-10) at which the example caution does not apply.
            sources: [{{RulePrefix}}-POLICY]
        rules:
          - id: {{RulePrefix}}-ASK-001
            title: Ask for the pain score of a lumbar pain case
            cites: [{{RulePrefix}}-POLICY]
            when:
              - check: "pain.region == lumbar"
              - check: "pain.nrs is unknown"
            then:
              - ask:
                  datum: pain.nrs
                  why: The documentation policy needs the NRS pain score before an interventional procedure.
          - id: {{RulePrefix}}-LOW-001
            title: Pain score below the policy's threshold
            cites: [{{RulePrefix}}-POLICY]
            when:
              - check: "pain.nrs < param.{{Parameter}}"
            then:
              - caution:
                  group: elective
                  reason: documentation-required
                  severity: advisory
                  text: "NRS {pain.nrs} is below {param.{{Parameter}}}: document why a procedure is considered."

        """);

    public string ScenarioFile() => string.Create(CultureInfo.InvariantCulture, $$"""
        # yaml-language-server: $schema=schema/scenarios.schema.json
        # Scenarios for {{RuleFileName}}: each is a case ('given', in the case file format) and what the report must say
        # ('expect'). Test every threshold on both sides.
        scenarios:
          - id: {{RulePrefix}}-S-001
            description: Lumbar pain without a pain score -> the score is asked for
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 20 }
            expect:
              informationNeeded: [pain.nrs]
              fired: [{{RulePrefix}}-ASK-001]
              notFired: [{{RulePrefix}}-LOW-001]
          - id: {{RulePrefix}}-S-002
            description: NRS 3, one under the threshold -> advisory caution
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 20, nrs: 3 }
            expect:
              precautions: [{{RulePrefix}}-LOW-001]
              notFired: [{{RulePrefix}}-ASK-001]
          - id: {{RulePrefix}}-S-003
            description: NRS 4, at the threshold -> no caution
            given:
              assessmentDate: 2026-11-01
              pain: { region: lumbar, pattern: axial, laterality: bilateral, durationWeeks: 20, nrs: 4 }
            expect:
              notFired: [{{RulePrefix}}-ASK-001, {{RulePrefix}}-LOW-001]

        """);

    /// <summary><c>my-rules</c> → <c>myRules</c>: parameter ids are camelCase.</summary>
    private static string Camel(string id)
    {
        var parts = id.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
