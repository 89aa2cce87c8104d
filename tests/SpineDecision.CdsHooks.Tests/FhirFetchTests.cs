using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpineDecision.CdsHooks.Services;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>Prefetch fetched from a real FHIR server: a Kestrel fake on 127.0.0.1, a free port, stopping by itself.</summary>
public sealed class FhirFetchTests
{
    [Test]
    public async Task Call_NoPrefetchWithFhirServer_FetchesWithTheBearerTokenAndAnswers()
    {
        await using var fhir = await FakeFhirServer.StartAsync(Requests.Tfesi().Prefetch(), delay: TimeSpan.Zero);
        await using var server = new CdsHooksTestServer();
        var request = Requests.Tfesi();
        request.Remove("prefetch");
        request["fhirServer"] = fhir.BaseUrl;
        request["fhirAuthorization"] = JsonNode.Parse("""{ "access_token": "secret-token", "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read", "subject": "spine" }""");

        var response = await server.CallAsync(Requests.OrderSign, request.Text());

        ((string)response["cards"]![0]!["summary"]!).Should().Contain("meets the criteria");
        fhir.Authorizations.Should().HaveCount(CdsServiceCatalogue.Prefetch.Count).And.OnlyContain(a => a == "Bearer secret-token");
    }

    [Test]
    public async Task Call_FhirServerSlowerThanTimeout_PreconditionFailed()
    {
        await using var fhir = await FakeFhirServer.StartAsync(Requests.Tfesi().Prefetch(), delay: TimeSpan.FromSeconds(5));
        await using var server = new CdsHooksTestServer(services => services.Configure<CdsHooksOptions>(o => o.FhirTimeout = TimeSpan.FromMilliseconds(300)));
        var request = Requests.Tfesi();
        request.Remove("prefetch");
        request["fhirServer"] = fhir.BaseUrl;
        request["fhirAuthorization"] = JsonNode.Parse("""{ "access_token": "t", "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read", "subject": "spine" }""");

        var (status, body) = await server.PostAsync(Requests.OrderSign, request.Text());

        status.Should().Be(HttpStatusCode.PreconditionFailed);
        body.Should().Contain("within 0.3 s (FhirTimeout)");
    }

    /// <summary>Answers each prefetch query with the matching member of a prefetch object (an empty searchset when null).</summary>
    private sealed class FakeFhirServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly CancellationTokenSource _lifetime = new(TimeSpan.FromMinutes(2));

        private FakeFhirServer(WebApplication app)
        {
            _app = app;
        }

        public ConcurrentBag<string> Authorizations { get; } = [];

        public string BaseUrl => _app.Urls.First() + "/fhir";

        public static async Task<FakeFhirServer> StartAsync(JsonObject prefetch, TimeSpan delay)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var server = new FakeFhirServer(app);
            var answers = CdsServiceCatalogue.Prefetch.ToDictionary(
                t => t.Value.Replace("{{context.patientId}}", "pat-1042", StringComparison.Ordinal),
                t => prefetch[t.Key]?.ToJsonString() ?? """{ "resourceType": "Bundle", "type": "searchset", "entry": [] }""");
            app.MapGet("/fhir/{**query}", async (HttpContext context) =>
            {
                server.Authorizations.Add(context.Request.Headers.Authorization.ToString());
                await Task.Delay(delay, context.RequestAborted);
                var query = Uri.UnescapeDataString(context.Request.Path.Value!["/fhir/".Length..] + context.Request.QueryString.Value);
                return answers.TryGetValue(query, out var json) ? Results.Text(json, "application/fhir+json") : Results.NotFound(query);
            });
            await app.StartAsync(server._lifetime.Token);
            server._lifetime.Token.Register(() => _ = app.StopAsync());
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _lifetime.Dispose();
        }
    }
}
