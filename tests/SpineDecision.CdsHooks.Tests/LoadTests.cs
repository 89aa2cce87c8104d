using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using SpineDecision.CdsHooks.Tests.Support;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// Load on a real Kestrel on 127.0.0.1, in Production with JWT trust (a fresh ES384 token per call; rate limit off):
/// 10,000 order-sign calls (the TFESI sample) from 16 concurrent clients. A benchmark, not a timed assertion: it
/// checks that no call fails and prints p50 and p99 end to end and of the server time the service itself reports
/// (<see cref="CdsHooksTelemetry.CallDurationInstrument"/>). Explicit, since it takes minutes on a shared machine:
/// <c>dotnet test --filter FullyQualifiedName~LoadTests</c>.
/// </summary>
[Explicit("a load benchmark of several minutes; run it by name")]
public sealed class LoadTests
{
    private const int Calls = 10_000;

    [Test]
    public async Task Call_TenThousandFromSixteenClients_NoErrorAndLatencyReported()
    {
        await using var trusted = await TrustedHost.StartAsync(configure: options => options.Security.RateLimit.Enabled = false);
        var path = "/cds-services/" + Requests.OrderSign;
        var body = Requests.Tfesi().Text();
        (await trusted.PostAsync(path, body)).EnsureSuccessStatusCode(); // compiles the rules
        var serverTimes = new ConcurrentBag<double>();
        using var listener = ServerTimeListener(serverTimes);
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<HttpStatusCode>();
        var remaining = Calls;
        var total = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var watch = Stopwatch.StartNew();
                using var response = await trusted.PostAsync(path, body);
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add(response.StatusCode);
                }
            }
        }));
        total.Stop();

        var sorted = latencies.Order().ToList();
        var server = serverTimes.Order().ToList();
        await TestContext.Out.WriteLineAsync(
            $"{sorted.Count:N0} calls, 16 clients, {total.Elapsed.TotalSeconds:0.0} s ({sorted.Count / total.Elapsed.TotalSeconds:0} calls/s): " +
            $"end to end p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms; " +
            $"server time p50 {Percentile(server, 0.50):0.0} ms, p99 {Percentile(server, 0.99):0.0} ms, max {server[^1]:0.0} ms");
        failures.Should().BeEmpty();
        sorted.Should().HaveCount(Calls);
        server.Should().HaveCount(Calls);
    }

    private static double Percentile(List<double> sorted, double fraction) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * fraction))];

    private static MeterListener ServerTimeListener(ConcurrentBag<double> serverTimes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CdsHooksTelemetry.Name && instrument.Name == CdsHooksTelemetry.CallDurationInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => serverTimes.Add(seconds * 1000));
        listener.Start();
        return listener;
    }
}
