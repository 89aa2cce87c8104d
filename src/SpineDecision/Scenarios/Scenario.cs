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
/// A scenario gives its case either under <c>given</c> or, as a FHIR file, under <c>givenFhir</c>
/// (<see cref="GivenFhir"/>), which the runner reads through the <see cref="IScenarioCaseSource"/> it is given.
/// </summary>
internal sealed record Scenario(
    string Id,
    string Description,
    string? Profile,
    string? Request,
    PatientCase? Given,
    ScenarioExpectations Expect,
    SourceLocation At)
{
    /// <summary>The case as a FHIR file (<c>givenFhir</c>), instead of <see cref="Given"/>.</summary>
    public ScenarioCaseReference? GivenFhir { get; init; }
}

/// <summary>A scenario's case given as a FHIR file: <c>givenFhir: { bundle: path, assessmentDate: date }</c>.</summary>
/// <param name="Bundle">The path as written, relative to the scenario file.</param>
/// <param name="Path">The path resolved against the scenario file's folder.</param>
/// <param name="AssessmentDate">The date the FHIR data is mapped at (ages, durations, later resources ignored).</param>
/// <param name="At">Where the path is written, for errors about the file.</param>
internal sealed record ScenarioCaseReference(string Bundle, string Path, DateOnly AssessmentDate, SourceLocation At);

/// <summary>What a FHIR scenario's mapping must report (<c>expect.mapping</c>).</summary>
/// <param name="Mapped">Case paths that must be mapped (<c>pain.nrs</c>, <c>diagnoses</c>).</param>
/// <param name="Ignored">Resources (<c>Condition/c-2</c>) or reasons (<c>EnteredInError</c>) that must be reported as ignored.</param>
/// <param name="Unknown">Case fields that must stay unknown (<c>redFlags</c>).</param>
internal sealed record ScenarioMappingExpectations(ImmutableArray<string> Mapped, ImmutableArray<string> Ignored, ImmutableArray<string> Unknown);

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
    ImmutableArray<(string Procedure, ImmutableArray<string> Names)> WhyNot = default,
    ScenarioMappingExpectations? Mapping = null)
{
    /// <summary>Whether the scenario needs why-not computed.</summary>
    public bool NeedsExplain => !WhyNot.IsDefaultOrEmpty;
}
