namespace SpineDecision.Tests.Cli;

/// <summary>Small, valid rule files for CLI tests; each test changes only what it is about.</summary>
internal static class RuleText
{
    public static string RuleSet(string id, string body, string reviewers = "[Dr A. Reviewer]", string released = "2026-01-01", string revised = "2026-01-01") => $"""
        ruleSet:
          id: {id}
          title: Test rule set {id}
          version: 1.0.0
          status: draft
          description: A rule set written by a test.
          developer: SpineDecision tests
          funding: None
          released: {released}
          revised: {revised}
          reviewers: {reviewers}
          sources:
            - {"{"} id: SRC, citation: Test source, evidence: U {"}"}
        {body}
        """;

    /// <summary>A rule asking for a datum when a check holds.</summary>
    public static string AskRule(string id, string check, string datum = "pain.nrs") => $"""
          - id: {id}
            title: Rule {id}
            cites: [SRC]
            when:
              - check: "{check}"
            then:
              - ask:
                  datum: {datum}
                  why: Needed by a test.
        """;

    public static string Profile(string id, string parameters, string sources = "[SRC]", bool isDefault = false) => $"""
        profile:
          id: {id}
          title: Profile {id}
          default: {(isDefault ? "true" : "false")}
          sources: {sources}
        parameters: {parameters}
        """;
}
