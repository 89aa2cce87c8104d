using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SpineDecision.CdsHooks.Feedback;
using SpineDecision.CdsHooks.Tests.Support;

namespace SpineDecision.CdsHooks.Tests.Feedback;

/// <summary>Feedback from 16 concurrent clients on a real Kestrel on loopback: every row persisted, none lost (a benchmark, not a timed assertion).</summary>
public sealed class FeedbackLoadTests
{
    private const int Clients = 16;
    private const int PostsPerClient = 250;

    [Test]
    public async Task Post_16ConcurrentClients_PersistsEveryRow()
    {
        // Arrange: tokens and bodies are made before the clock starts; the rate limit is lifted for the run.
        await using var host = await TrustedHost.StartAsync(configure: options => options.Security.RateLimit.PermitLimit = 1_000_000);
        const string Path = "/cds-services/spine-procedure-order/feedback";
        var cards = Enumerable.Range(0, 64).Select(_ => Guid.NewGuid().ToString()).ToArray();
        await host.Host.Services.GetRequiredService<ICardIssueLog>().RecordIssuedAsync("spine-procedure-order", "load", cards, DateTimeOffset.UtcNow, CancellationToken.None);
        var audience = host.Host.Url(Path);
        var requests = Enumerable.Range(0, Clients).Select(client => Enumerable.Range(0, PostsPerClient).Select(i =>
        {
            var card = cards[(client * PostsPerClient + i) % cards.Length];
            var body = $$"""{"feedback":[{"card":"{{card}}","outcome":"overridden","overrideReason":{"userComment":"load {{client}}-{{i}}"},"outcomeTimestamp":"2026-01-01T00:00:00Z"}]}""";
            return (Token: host.Client.Token(audience), Body: body);
        }).ToArray()).ToArray();
        var failures = 0;
        var clock = Stopwatch.StartNew();

        // Act
        await Task.WhenAll(requests.Select(async batch =>
        {
            using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };
            foreach (var (token, body) in batch)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Path, UriKind.Relative)) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(message);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        clock.Stop();

        // Assert
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(DISTINCT user_comment) FROM cds_feedback";
        var rows = (long)count.ExecuteScalar()!;
        const int Total = Clients * PostsPerClient;
        TestContext.Out.WriteLine($"Feedback load: {Total} posts from {Clients} clients in {clock.Elapsed.TotalSeconds:F2} s = {Total / clock.Elapsed.TotalSeconds:F0} posts/s; {rows} distinct rows stored; {failures} failures.");
        failures.Should().Be(0);
        rows.Should().Be(Total);
    }
}
