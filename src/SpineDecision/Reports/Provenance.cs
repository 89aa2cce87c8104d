using System.Collections.Immutable;

namespace SpineDecision.Reports;

/// <summary>What produced a report: enough to reproduce it and to show the ONC source attributes.</summary>
/// <param name="Profile">The parameter profile the engine ran, for example <c>medicare</c>.</param>
/// <param name="ContentHash">SHA-256 of the rule files.</param>
/// <param name="LibraryVersion">SpineDecision's version.</param>
/// <param name="AssessmentDate">The case's assessment date.</param>
/// <param name="RuleSets">The rule sets loaded, with their source attributes.</param>
/// <param name="Rules">The rules behind this report's items, with the demographic inputs each reads.</param>
public sealed record Provenance(
    string Profile,
    string ContentHash,
    string LibraryVersion,
    DateOnly AssessmentDate,
    ImmutableArray<RuleSetInfo> RuleSets,
    ImmutableArray<RuleAttributes> Rules);

/// <summary>A rule set's source attributes (ONC HTI-1 §170.315(b)(11)).</summary>
/// <param name="Id">Rule-set id.</param>
/// <param name="Title">Title.</param>
/// <param name="Version">Semantic version.</param>
/// <param name="Status">draft, active or retired.</param>
/// <param name="Developer">Who developed it.</param>
/// <param name="Funding">Funding source.</param>
/// <param name="Released">Release date.</param>
/// <param name="Revised">Last revision date.</param>
/// <param name="Reviewers">Clinical reviewers.</param>
/// <param name="Sources">The sources it cites.</param>
public sealed record RuleSetInfo(
    string Id,
    string Title,
    string Version,
    string Status,
    string Developer,
    string Funding,
    DateOnly Released,
    DateOnly Revised,
    ImmutableArray<string> Reviewers,
    ImmutableArray<Citation> Sources);

/// <summary>Per-rule source attributes.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="RuleSetId">Its rule set.</param>
/// <param name="DemographicInputs">The demographic fields it reads (age, sex), derived from the fields it references.</param>
public sealed record RuleAttributes(string RuleId, string RuleSetId, ImmutableArray<string> DemographicInputs);
