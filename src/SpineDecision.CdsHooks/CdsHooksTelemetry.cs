using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpineDecision.CdsHooks;

/// <summary>
/// The service's traces and metrics through System.Diagnostics, named once here. A host collects them with
/// OpenTelemetry (<c>AddSource(CdsHooksTelemetry.Name)</c>, <c>AddMeter(CdsHooksTelemetry.Name)</c>) or any listener.
/// No instrument carries patient data: only service ids, HTTP status codes, card indicators and feedback outcomes.
/// </summary>
public static class CdsHooksTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "SpineDecision.CdsHooks";

    /// <summary>Counter of hook calls, tagged <c>cds.service</c> and <c>http.response.status_code</c>.</summary>
    public const string CallsInstrument = "spinedecision.cdshooks.calls";

    /// <summary>Histogram of the server time of a hook call in seconds, tagged like <see cref="CallsInstrument"/>.</summary>
    public const string CallDurationInstrument = "spinedecision.cdshooks.call.duration";

    /// <summary>Counter of cards returned, tagged <c>cds.service</c> and <c>cds.card.indicator</c> (info, warning, critical).</summary>
    public const string CardsInstrument = "spinedecision.cdshooks.cards";

    /// <summary>Counter of feedback entries stored, tagged <c>cds.service</c> and <c>cds.feedback.outcome</c>.</summary>
    public const string FeedbackInstrument = "spinedecision.cdshooks.feedback";

    internal const string ServiceTag = "cds.service";
    internal const string StatusTag = "http.response.status_code";
    internal const string IndicatorTag = "cds.card.indicator";
    internal const string OutcomeTag = "cds.feedback.outcome";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsInstrument, "{call}", "CDS Hooks calls answered");
    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(CallDurationInstrument, "s", "Server time of a CDS Hooks call");
    private static readonly Counter<long> Cards = Meter.CreateCounter<long>(CardsInstrument, "{card}", "Cards returned, by indicator");
    private static readonly Counter<long> Feedback = Meter.CreateCounter<long>(FeedbackInstrument, "{entry}", "Feedback entries stored, by outcome");

    /// <summary>Starts the span of one hook call (null when nobody listens); the caller disposes it.</summary>
    internal static Activity? StartCall(string serviceId, string hook)
    {
        var activity = Source.StartActivity("cds-hooks " + serviceId, ActivityKind.Internal);
        activity?.SetTag(ServiceTag, serviceId);
        activity?.SetTag("cds.hook", hook);
        return activity;
    }

    /// <summary>Records one answered hook call: its status, its server time and the indicator of each card returned.</summary>
    internal static void RecordCall(string serviceId, int statusCode, TimeSpan elapsed, IEnumerable<string> cardIndicators)
    {
        ArgumentNullException.ThrowIfNull(cardIndicators);
        var service = new KeyValuePair<string, object?>(ServiceTag, serviceId);
        var status = new KeyValuePair<string, object?>(StatusTag, statusCode);
        Calls.Add(1, service, status);
        CallDuration.Record(elapsed.TotalSeconds, service, status);
        foreach (var group in cardIndicators.GroupBy(indicator => indicator, StringComparer.Ordinal))
        {
            Cards.Add(group.Count(), service, new KeyValuePair<string, object?>(IndicatorTag, group.Key));
        }
    }

    /// <summary>Records one stored feedback entry.</summary>
    internal static void RecordFeedback(string serviceId, string outcome) =>
        Feedback.Add(1, new KeyValuePair<string, object?>(ServiceTag, serviceId), new KeyValuePair<string, object?>(OutcomeTag, outcome));
}
