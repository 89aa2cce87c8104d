using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SpineDecision.CdsHooks.Handling;
using SpineDecision.CdsHooks.Services;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>Server time per call for the sample TFESI request (a typical prefetch): the handler alone, no HTTP. A measure,
/// printed, not a timed assertion.</summary>
public sealed class ServerTimingTests : ServerFixture
{
    [Test]
    public async Task Handle_TypicalPrefetch_ReportsServerTimePerCall()
    {
        var handler = Server.Services.GetRequiredService<CdsHookHandler>();
        var service = CdsServiceCatalogue.Find(Requests.OrderSign)!;
        var body = Encoding.UTF8.GetBytes(Requests.Tfesi().Text());
        await handler.HandleAsync(service, body, CancellationToken.None); // compiles the rules
        var times = new List<double>();

        for (var i = 0; i < 200; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await handler.HandleAsync(service, body, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
            response.Cards.Should().ContainSingle();
        }

        times.Sort();
        await TestContext.Out.WriteLineAsync($"order-sign TFESI, {body.Length:N0} bytes: server time per call p50 {times[100]:0.00} ms, p99 {times[197]:0.00} ms, max {times[^1]:0.00} ms (200 calls, Explain on)");
    }
}
