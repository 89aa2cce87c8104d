using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>
/// Why a rule fired: its criteria and the facts it matched; a matched conclusion carries the explanation of the
/// rule that derived it, so the whole derivation tree can be reviewed (FDA CDS criterion 4).
/// </summary>
/// <param name="RuleId">The rule that fired.</param>
/// <param name="RuleTitle">Its title.</param>
/// <param name="Criteria">The rule's conditions as written.</param>
/// <param name="Facts">The facts it matched.</param>
public sealed record Explanation(string RuleId, string RuleTitle, ImmutableArray<string> Criteria, ImmutableArray<ExplanationFact> Facts);

/// <summary>One matched fact in an explanation.</summary>
/// <param name="Kind">The fact type: <c>case</c>, a case list type such as <c>procedure</c>, <c>count</c>, or a conclusion id.</param>
/// <param name="Description">The fact's values, for example <c>procedure=medial-branch-block, reliefPercent=85</c>.</param>
/// <param name="DerivedBy">For a conclusion: how it was derived.</param>
/// <param name="Items">For a count: the counted facts.</param>
public sealed record ExplanationFact(string Kind, string Description, Explanation? DerivedBy, ImmutableArray<ExplanationFact> Items);
