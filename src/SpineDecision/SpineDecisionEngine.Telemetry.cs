using System.Diagnostics;
using SpineDecision.Cases;
using SpineDecision.Reports;

namespace SpineDecision;

public sealed partial class SpineDecisionEngine
{
    /// <summary>Evaluates under an activity and the evaluation metrics (<see cref="SpineDecisionTelemetry"/>), and
    /// records every rule that fired, for scenario tests and coverage.</summary>
    internal RecommendationReport Evaluate(PatientCase patientCase, EvaluationOptions options, ICollection<string>? fired)
    {
        var start = Stopwatch.GetTimestamp();
        using var activity = SpineDecisionTelemetry.StartEvaluation(Profile);
        try
        {
            var report = EvaluateCore(patientCase, options, fired);
            SpineDecisionTelemetry.Evaluated(activity, Profile, report.Disposition, start);
            return report;
        }
        catch (SpineDecisionException e)
        {
            SpineDecisionTelemetry.Failed(activity, Profile, e, start);
            throw;
        }
    }

    /// <summary>Runs one evaluation of an all-unknown case, with why-not, and serialises its report, outside the
    /// telemetry: start-up pays the first-call costs (JIT, first session, JSON) instead of the first patient.</summary>
    internal void WarmUp() => EvaluateCore(new PatientCase { AssessmentDate = new DateOnly(2026, 1, 1) }, new EvaluationOptions { Explain = true }, fired: null).ToJson();
}
