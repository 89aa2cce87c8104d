using Microsoft.Extensions.Logging;
using SpineDecision.Engine;
using SpineDecision.Language.Checking;

namespace SpineDecision.Tests.Engine;

/// <summary>Builds engines from small rule sets written in the test, on top of the shipped vocabulary only.</summary>
internal static class TestRules
{
    /// <summary>The shipped vocabulary, without any shipped rule set or profile.</summary>
    public static RuleSourceFile Vocabulary { get; } =
        RuleBaseLoader.DefaultRuleFiles.Single(f => f.Name == "vocabulary/vocabulary.yaml");

    /// <summary>A complete rule-set header citing one source, <c>SRC</c>; append <c>conclusions:</c> and <c>rules:</c>.</summary>
    public static string Header(string id) => $"""
        ruleSet:
          id: {id}
          title: Test rule set {id}
          version: 1.0.0
          status: draft
          description: Written by a test.
          developer: SpineDecision tests
          funding: None
          released: 2026-01-01
          revised: 2026-01-01
          sources:
            - id: SRC
              citation: Test source
              evidence: U

        """;

    public static SpineDecisionOptions Options(params RuleSourceFile[] files)
    {
        var options = new SpineDecisionOptions { IncludeDefaultRules = false };
        options.RuleFiles.Add(Vocabulary);
        foreach (var file in files)
        {
            options.RuleFiles.Add(file);
        }

        return options;
    }

    public static SpineDecisionEngine Engine(string name, string yaml, int maxRuleFirings = 10_000, FunctionTable? functions = null, ILogger? logger = null)
    {
        var options = Options(new RuleSourceFile(name, yaml));
        options.MaxRuleFirings = maxRuleFirings;
        return SpineDecisionEngine.Create(options, logger, functions);
    }

    /// <summary>The one-based line of the first line of <paramref name="yaml"/> that contains <paramref name="text"/>.</summary>
    public static int LineOf(string yaml, string text) =>
        yaml.ReplaceLineEndings("\n").Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains(text, StringComparison.Ordinal)).i + 1;

    /// <summary>The one-based column where <paramref name="text"/> starts on its line.</summary>
    public static int ColumnOf(string yaml, string text) =>
        yaml.ReplaceLineEndings("\n").Split('\n').First(l => l.Contains(text, StringComparison.Ordinal)).IndexOf(text, StringComparison.Ordinal) + 1;
}
