using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// The sample server in memory, at a fixed date, with helpers that call it. Every successful response goes through the
/// CDS Hooks 2.0 schema and the project's own card rules (a uuid on every card and suggestion), so every test checks
/// conformance. The environment is Development, as a developer runs it.
/// </summary>
internal sealed class CdsHooksTestServer : IAsyncDisposable
{
    /// <summary>The date every hand-written case is assessed at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly WebApplicationFactory<Program> _factory;

    public CdsHooksTestServer(Action<IServiceCollection>? configure = null)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
                configure?.Invoke(services);
            });
        });
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Posts a request text and returns the status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string serviceId, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri($"/cds-services/{serviceId}", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            AssertConformant(JsonNode.Parse(body));
        }

        return (response.StatusCode, body);
    }

    /// <summary>Posts a request and returns the response, which must be 200 and conformant.</summary>
    public async Task<JsonObject> CallAsync(string serviceId, string json)
    {
        var (status, body) = await PostAsync(serviceId, json);
        status.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Posts a TestData request file.</summary>
    public Task<JsonObject> CallFileAsync(string serviceId, string testDataFile) => CallAsync(serviceId, TestData.Read(testDataFile));

    public async Task<JsonObject> DiscoverAsync()
    {
        var discovery = await Client.GetFromJsonAsync<JsonObject>(new Uri("/cds-services", UriKind.Relative));
        CdsHooksSchema.DiscoveryErrors(discovery).Should().BeEmpty();
        return discovery!;
    }

    /// <summary>The schema, then the project's own rules: every card and suggestion has a uuid.</summary>
    public static void AssertConformant(JsonNode? response)
    {
        CdsHooksSchema.ResponseErrors(response).Should().BeEmpty();
        foreach (var card in response!["cards"]!.AsArray())
        {
            card!["uuid"].Should().NotBeNull();
            foreach (var suggestion in card["suggestions"]?.AsArray() ?? [])
            {
                suggestion!["uuid"].Should().NotBeNull();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
