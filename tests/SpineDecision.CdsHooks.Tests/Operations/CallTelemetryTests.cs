using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace SpineDecision.CdsHooks.Tests.Operations;

/// <summary>
/// The hook endpoint reports each call through <see cref="CdsHooksTelemetry"/>: a span, the call counter, its server
/// time and the cards by indicator, tagged with the service, hook, status and indicator only, never patient data.
/// </summary>
public sealed class CallTelemetryTests : ServerFixture
{
    private static readonly string[] AllowedMetricTags = ["cds.service", "http.response.status_code", "cds.card.indicator"];

    [Test]
    public async Task Call_TfesiOrderSign_CountsTheCallItsServerTimeAndItsCardByIndicator()
    {
        // Arrange
        using var metrics = new Measurements();
        var request = Requests.Tfesi().Text();

        // Act
        await Server.CallAsync(Requests.OrderSign, request);

        // Assert
        metrics.Of(CdsHooksTelemetry.CallsInstrument).Should().ContainSingle()
            .Which.Tags.Should().BeEquivalentTo(new Dictionary<string, object?> { ["cds.service"] = Requests.OrderSign, ["http.response.status_code"] = 200 });
        metrics.Of(CdsHooksTelemetry.CallDurationInstrument).Should().ContainSingle().Which.Value.Should().BePositive();
        metrics.Of(CdsHooksTelemetry.CardsInstrument).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new Measurement(CdsHooksTelemetry.CardsInstrument, 1,
                new Dictionary<string, object?> { ["cds.service"] = Requests.OrderSign, ["cds.card.indicator"] = "info" }));
    }

    [Test]
    public async Task Call_MalformedRequest_CountedWithItsStatusAndNoCards()
    {
        // Arrange
        using var metrics = new Measurements();

        // Act
        var (status, _) = await Server.PostAsync(Requests.OrderSign, """{ "hook": "order-sign" }""");

        // Assert
        status.Should().Be(HttpStatusCode.BadRequest);
        metrics.Of(CdsHooksTelemetry.CallsInstrument).Should().ContainSingle().Which.Tags["http.response.status_code"].Should().Be(400);
        metrics.Of(CdsHooksTelemetry.CardsInstrument).Should().BeEmpty();
    }

    [Test]
    public async Task Call_AnyRequest_MetricsCarryNoPatientData()
    {
        // Arrange
        using var metrics = new Measurements();
        var request = Requests.Tfesi();
        var patient = (string)request["context"]!["patientId"]!;

        // Act
        await Server.CallAsync(Requests.OrderSign, request.Text());

        // Assert
        metrics.All.Should().NotBeEmpty();
        metrics.All.SelectMany(m => m.Tags.Keys).Should().OnlyContain(key => AllowedMetricTags.Contains(key));
        metrics.All.SelectMany(m => m.Tags.Values).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))
            .Should().NotContain(v => v!.Contains(patient, StringComparison.Ordinal) || v.Contains("tfesi-order", StringComparison.Ordinal));
    }

    [Test]
    public async Task Call_TfesiOrderSign_TracedAsOneSpanTaggedWithServiceHookAndStatus()
    {
        // Arrange
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CdsHooksTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        // Act
        await Server.CallAsync(Requests.OrderSign, Requests.Tfesi().Text());

        // Assert
        var span = spans.Should().ContainSingle().Subject;
        span.DisplayName.Should().Be("cds-hooks " + Requests.OrderSign);
        span.TagObjects.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["cds.service"] = Requests.OrderSign,
            ["cds.hook"] = "order-sign",
            ["http.response.status_code"] = 200,
        });
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);

    /// <summary>The service's measurements while it lives.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<Measurement> _all = [];

        public Measurements()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CdsHooksTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public IReadOnlyList<Measurement> All
        {
            get
            {
                lock (_all)
                {
                    return [.. _all];
                }
            }
        }

        public IReadOnlyList<Measurement> Of(string instrument) => [.. All.Where(m => m.Instrument == instrument)];

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (_all)
            {
                _all.Add(new Measurement(instrument.Name, value, copy));
            }
        }
    }
}
