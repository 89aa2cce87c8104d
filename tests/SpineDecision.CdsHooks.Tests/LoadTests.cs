using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// Load on a real Kestrel on 127.0.0.1: 10,000 order-sign calls (the TFESI sample) from 16 concurrent clients. A
/// benchmark, not a timed assertion: it checks that no call fails and prints p50 and p99. Explicit, since it takes
/// minutes on a shared machine: <c>dotnet test --filter FullyQualifiedName~LoadTests</c>.
/// </summary>
[Explicit("a load benchmark of several minutes; run it by name")]
public sealed class LoadTests
{
    [Test]
    public async Task Call_TenThousandFromSixteenClients_NoErrorAndLatencyReported()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSpineDecisionCdsHooks();
        await using var app = builder.Build();
        app.MapSpineDecisionCdsHooks();
        await app.StartAsync();
        var url = new Uri(app.Urls.First() + "/cds-services/" + Requests.OrderSign);
        var body = Requests.Tfesi().Text();
        using var client = new HttpClient();
        using (var warmUp = new StringContent(body, Encoding.UTF8, "application/json"))
        {
            (await client.PostAsync(url, warmUp)).EnsureSuccessStatusCode(); // compiles the rules
        }

        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<HttpStatusCode>();
        var remaining = 10_000;
        var total = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                var watch = Stopwatch.StartNew();
                using var response = await client.PostAsync(url, content);
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add(response.StatusCode);
                }
            }
        }));
        total.Stop();
        await app.StopAsync();

        var sorted = latencies.Order().ToList();
        await TestContext.Out.WriteLineAsync(
            $"{sorted.Count:N0} calls, 16 clients, {total.Elapsed.TotalSeconds:0.0} s ({sorted.Count / total.Elapsed.TotalSeconds:0} calls/s): p50 {sorted[sorted.Count / 2]:0.0} ms, p99 {sorted[(int)(sorted.Count * 0.99)]:0.0} ms, max {sorted[^1]:0.0} ms");
        failures.Should().BeEmpty();
        sorted.Should().HaveCount(10_000);
    }
}
