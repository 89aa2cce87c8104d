using SpineDecision.Cases;
using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Scenarios;

namespace SpineDecision.Testing.Fuzzing;

/// <summary>What one input did: loaded or evaluated, or was rejected with the documented exception or errors.</summary>
public enum FuzzOutcome
{
    /// <summary>The input was read (and, for a case, evaluated) without an error.</summary>
    Accepted,

    /// <summary>The input was rejected with located errors or a <see cref="SpineDecisionException"/>.</summary>
    Rejected,
}

/// <summary>
/// Feeds one input to the library the way a host would. Bad input must end in <see cref="FuzzOutcome.Rejected"/>;
/// any other exception escapes, and the fuzzer records it as a crash.
/// </summary>
public sealed class FuzzTarget
{
    private readonly Lazy<SpineDecisionEngine> _engine = new(() => SpineDecisionEngine.CreateDefault());

    /// <summary>The shipped vocabulary, the context every rule, profile and scenario file is loaded with.</summary>
    public static RuleSourceFile Vocabulary { get; } = RuleBaseLoader.DefaultRuleFiles.Single(f => f.Name == "vocabulary/vocabulary.yaml");

    /// <summary>The kind of input a file name stands for: <c>case</c>, <c>scenarios</c> or <c>rules</c>.</summary>
    public static string KindOf(string name) =>
        name.Contains("case", StringComparison.OrdinalIgnoreCase) ? "case" : name.EndsWith(".scenarios.yaml", StringComparison.Ordinal) ? "scenarios" : "rules";

    /// <summary>Compiles the default engine now, so that no input's time limit pays for it.</summary>
    public FuzzTarget Warm()
    {
        _ = _engine.Value;
        return this;
    }

    /// <summary>Runs <paramref name="text"/> as an input of <paramref name="kind"/>.</summary>
    public FuzzOutcome Run(string kind, string text, bool compile = false)
    {
        switch (kind)
        {
            case "case":
                try
                {
                    var patientCase = PatientCaseReader.Read(text, "fuzz-case.yaml");
                    _engine.Value.Evaluate(patientCase);
                    return FuzzOutcome.Accepted;
                }
                catch (SpineDecisionException)
                {
                    return FuzzOutcome.Rejected;
                }

            case "scenarios":
                {
                    var diagnostics = new DiagnosticBag();
                    ScenarioFileLoader.Load([new RuleSourceFile("fuzz.scenarios.yaml", text)], diagnostics);
                    return diagnostics.HasErrors ? FuzzOutcome.Rejected : FuzzOutcome.Accepted;
                }

            default:
                {
                    var diagnostics = new DiagnosticBag();
                    var file = new RuleSourceFile("fuzz.yaml", text);
                    var (rules, all) = RuleBaseLoader.TryLoadAndCheck(text.Contains("vocabulary:", StringComparison.Ordinal) ? [file] : [Vocabulary, file], diagnostics);
                    if (rules is null)
                    {
                        return FuzzOutcome.Rejected;
                    }

                    if (compile)
                    {
                        try
                        {
                            SpineDecisionEngine.FromCheckedRules(rules, all, null, 10_000);
                        }
                        catch (SpineDecisionException)
                        {
                            return FuzzOutcome.Rejected;
                        }
                    }

                    return FuzzOutcome.Accepted;
                }
        }
    }
}
