using System.Collections.Immutable;
using SpineDecision.Cases;
using SpineDecision.Diagnostics;

namespace SpineDecision.Scenarios;

/// <summary>
/// One scenario test written by a clinical informaticist: a case (<c>given</c>) and what the report must say
/// (<c>expect</c>). Lists name procedure ids (and, for withheld, groups); alerts name a rule id or a category;
/// information needed names datums; <c>fired</c> names rules that must fire; <c>disposition</c> and
/// <c>requestDisposition</c> are one of the six dispositions; precautions name codes, severities or rule ids;
/// <c>whyNot</c> maps a procedure id to the parameters or fields its unmet criteria must name (the scenario then runs
/// with <see cref="EvaluationOptions.Explain"/> on).
/// <c>request</c> names the requested procedure the report answers (EvaluationOptions.RequestedProcedure).
/// </summary>
internal sealed record Scenario(
    string Id,
    string Description,
    string? Profile,
    string? Request,
    PatientCase? Given,
    ScenarioExpectations Expect,
    SourceLocation At);

internal sealed record ScenarioExpectations(
    ImmutableArray<string> Recommended,
    ImmutableArray<string> NotRecommended,
    ImmutableArray<string> Withheld,
    ImmutableArray<string> NotWithheld,
    ImmutableArray<string> Alerts,
    bool? NoAlerts,
    ImmutableArray<string> InformationNeeded,
    ImmutableArray<string> Fired,
    ImmutableArray<string> NotFired,
    string? Disposition = null,
    string? RequestDisposition = null,
    ImmutableArray<string> Precautions = default,
    ImmutableArray<(string Procedure, ImmutableArray<string> Names)> WhyNot = default)
{
    /// <summary>Whether the scenario needs why-not computed.</summary>
    public bool NeedsExplain => !WhyNot.IsDefaultOrEmpty;
}
