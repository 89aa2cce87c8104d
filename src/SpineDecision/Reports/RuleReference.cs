using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>The rule behind a report item.</summary>
/// <param name="RuleId">Stable rule id, for example <c>FACET-RFA-001</c>.</param>
/// <param name="Title">The rule's title.</param>
/// <param name="RuleSetId">The rule set it belongs to.</param>
/// <param name="RuleSetVersion">The rule set's semantic version.</param>
/// <param name="Location">Where the rule is written, <c>file(line,col)</c>.</param>
/// <param name="Citations">The sources it cites, with evidence tags.</param>
public sealed record RuleReference(string RuleId, string Title, string RuleSetId, string RuleSetVersion, string Location, ImmutableArray<Citation> Citations);
