using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>A safety alert, for example a red flag that needs urgent evaluation.</summary>
/// <param name="Category"><c>red-flag</c> (withholds every elective procedure) or <c>safety</c>.</param>
/// <param name="Severity"><c>emergency</c>, <c>urgent</c> or <c>warning</c>.</param>
/// <param name="Text">What was found, with the patient's values.</param>
/// <param name="Actions">What to do.</param>
/// <param name="Rule">The rule that raised it.</param>
/// <param name="Explanation">The derivation tree.</param>
public sealed record Alert(string Category, string Severity, string Text, ImmutableArray<string> Actions, RuleReference Rule, Explanation Explanation);
