using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpineDecision;

/// <summary>
/// The names under which the engine reports traces and metrics through <see cref="System.Diagnostics"/>, so a host
/// subscribes without any dependency in this package: with OpenTelemetry, <c>AddSource(SpineDecisionTelemetry.ActivitySourceName)</c>
/// and <c>AddMeter(SpineDecisionTelemetry.MeterName)</c>. Tags carry no patient data: no case id, no clinical values.
/// </summary>
public static class SpineDecisionTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: one activity per evaluation, named <see cref="EvaluateActivityName"/>.</summary>
    public const string ActivitySourceName = "SpineDecision";

    /// <summary>The <see cref="Meter"/> name.</summary>
    public const string MeterName = "SpineDecision";

    /// <summary>The activity that spans one evaluation, tagged with <see cref="ProfileTag"/> and, when it succeeds, <see cref="DispositionTag"/>.</summary>
    public const string EvaluateActivityName = "SpineDecision.Evaluate";

    /// <summary>Counter of evaluations that produced a report, tagged with <see cref="ProfileTag"/> and <see cref="DispositionTag"/>.</summary>
    public const string EvaluationsCounterName = "spinedecision.evaluations";

    /// <summary>Histogram of evaluation duration in seconds (successful or not), tagged with <see cref="ProfileTag"/>.</summary>
    public const string DurationHistogramName = "spinedecision.evaluation.duration";

    /// <summary>Counter of evaluations that failed (invalid case, failing rule, runaway rules), tagged with <see cref="ProfileTag"/> and <see cref="ErrorTypeTag"/>.</summary>
    public const string ErrorsCounterName = "spinedecision.evaluation.errors";

    /// <summary>The tag naming the engine's parameter profile, for example <c>medicare</c>.</summary>
    public const string ProfileTag = "spinedecision.profile";

    /// <summary>The tag naming the report's top-level disposition, one of <see cref="Reports.Dispositions"/>.</summary>
    public const string DispositionTag = "spinedecision.disposition";

    /// <summary>The tag naming the failure's exception type, for example <c>InvalidCaseException</c> (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    private static readonly Meter Meter = new(MeterName, Version);

    private static readonly Counter<long> Evaluations = Meter.CreateCounter<long>(EvaluationsCounterName, "{evaluation}", "Evaluations that produced a report.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationHistogramName, "s", "Duration of one evaluation.");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsCounterName, "{evaluation}", "Evaluations that failed.");

    private static string? Version => typeof(SpineDecisionTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>Starts the evaluation's activity, or returns <see langword="null"/> when nobody listens.</summary>
    internal static Activity? StartEvaluation(string profile)
    {
        var activity = Source.StartActivity(EvaluateActivityName);
        activity?.SetTag(ProfileTag, profile);
        return activity;
    }

    internal static void Evaluated(Activity? activity, string profile, string disposition, long startTimestamp)
    {
        var tags = new TagList { { ProfileTag, profile }, { DispositionTag, disposition } };
        Evaluations.Add(1, tags);
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>(ProfileTag, profile));
        activity?.SetTag(DispositionTag, disposition);
    }

    internal static void Failed(Activity? activity, string profile, Exception exception, long startTimestamp)
    {
        var errorType = exception.GetType().Name;
        Errors.Add(1, new KeyValuePair<string, object?>(ProfileTag, profile), new KeyValuePair<string, object?>(ErrorTypeTag, errorType));
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>(ProfileTag, profile));
        if (activity is not null)
        {
            activity.SetTag(ErrorTypeTag, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);   // the message may quote the case's values
        }
    }
}
