using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SpineDecision.Cases;

namespace SpineDecision.Tests.Engine;

/// <summary>What an OpenTelemetry exporter would see, observed with the plain System.Diagnostics listeners.</summary>
[TestFixture]
public sealed class SpineDecisionTelemetryTests
{
    [Test]
    public void Evaluate_WithListeners_CountsTheEvaluationByDispositionAndRecordsItsDuration()
    {
        var engine = SharedEngines.Default;
        using var observed = new Observation();

        var report = engine.Evaluate(SampleCases.FacetRfa(80));

        observed.Measurements.Should().ContainSingle(m => m.Instrument == SpineDecisionTelemetry.EvaluationsCounterName)
            .Which.Should().Match<(string Instrument, double Value, Dictionary<string, object?> Tags)>(m => m.Value == 1 &&
                (string?)m.Tags[SpineDecisionTelemetry.DispositionTag] == report.Disposition && (string?)m.Tags[SpineDecisionTelemetry.ProfileTag] == "medicare");
        observed.Measurements.Should().ContainSingle(m => m.Instrument == SpineDecisionTelemetry.DurationHistogramName).Which.Value.Should().BePositive();
        observed.Measurements.Should().NotContain(m => m.Instrument == SpineDecisionTelemetry.ErrorsCounterName);
    }

    [Test]
    public void Evaluate_InvalidCase_CountsAnErrorByExceptionTypeAndNoEvaluation()
    {
        var engine = SharedEngines.Default;
        using var observed = new Observation();
        var invalid = SampleCases.FacetRfa(80) with { Pain = SampleCases.FacetRfa(80).Pain with { Nrs = 11 } };

        var act = () => engine.Evaluate(invalid);

        act.Should().Throw<InvalidCaseException>();
        observed.Measurements.Should().ContainSingle(m => m.Instrument == SpineDecisionTelemetry.ErrorsCounterName)
            .Which.Tags[SpineDecisionTelemetry.ErrorTypeTag].Should().Be(nameof(InvalidCaseException));
        observed.Measurements.Should().NotContain(m => m.Instrument == SpineDecisionTelemetry.EvaluationsCounterName);
    }

    [Test]
    public void Evaluate_WithActivityListener_TracesOneActivityTaggedWithProfileAndDisposition()
    {
        var engine = SharedEngines.Default;
        using var observed = new Observation();

        var report = engine.Evaluate(SampleCases.FacetRfa(80));

        var activity = observed.Activities.Should().ContainSingle().Which;
        activity.OperationName.Should().Be(SpineDecisionTelemetry.EvaluateActivityName);
        activity.GetTagItem(SpineDecisionTelemetry.ProfileTag).Should().Be("medicare");
        activity.GetTagItem(SpineDecisionTelemetry.DispositionTag).Should().Be(report.Disposition);
        activity.Status.Should().Be(ActivityStatusCode.Unset);
    }

    /// <summary>Listens to the engine's meter and activity source until disposed.</summary>
    private sealed class Observation : IDisposable
    {
        private readonly MeterListener _meters;
        private readonly ActivityListener _traces;

        public Observation()
        {
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == SpineDecisionTelemetry.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.Start();
            _traces = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SpineDecisionTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Activities.Enqueue,
            };
            ActivitySource.AddActivityListener(_traces);
        }

        public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

        public ConcurrentQueue<Activity> Activities { get; } = new();

        public void Dispose()
        {
            _meters.Dispose();
            _traces.Dispose();
        }

        private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            where T : struct
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            Measurements.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
        }
    }
}
