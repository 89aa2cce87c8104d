using SpineDecision;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpineDecision.CdsHooks.Tests.Support;

/// <summary>
/// The CDS Hooks service on a real Kestrel at 127.0.0.1 on a free port, with a test-only endpoint on the service's
/// route group (<c>GET /cds-services/test-probe</c>) so that trust is exercised without the hook endpoints. Stops
/// when disposed.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    public const string ProbePath = "/cds-services/test-probe";

    private readonly WebApplication _app;

    private LoopbackHost(WebApplication app, CapturedLogs logs)
    {
        _app = app;
        Logs = logs;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The absolute URL of <paramref name="path"/> on this host: the <c>aud</c> a client puts in its token.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    private static readonly Lazy<SpineDecisionEngine> SharedEngine = new(() => SpineDecisionEngine.CreateDefault());

    public static async Task<LoopbackHost> StartAsync(Action<CdsHooksOptions> configure, string environment = "Production", Action<IServiceCollection>? services = null, IEnumerable<KeyValuePair<string, string?>>? configuration = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        // The host's own registrations come first, as in a real host: an engine registered here is the one the
        // service uses. Without one, every host shares one compiled default engine (compiling is the slow part).
        if (services is null)
        {
            builder.Services.AddSingleton<ISpineDecisionEngine>(SharedEngine.Value);
        }
        else
        {
            services(builder.Services);
        }

        var databasePath = Path.Combine(Path.GetTempPath(), "spine-cds-tests", Guid.NewGuid().ToString("N"), "feedback.db");
        builder.Services.AddSpineDecisionCdsHooks(configuration is null ? null : builder.Configuration.GetSection(CdsHooksOptions.SectionName), options =>
        {
            options.Feedback.DatabasePath = databasePath;
            configure(options);
        });
        var app = builder.Build();
        app.UseRateLimiter();
        var group = app.MapSpineDecisionCdsHooks();
        group.MapGet("/test-probe", () => Results.Text("trusted"));
        group.MapPost("/test-probe", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            return Results.Text("trusted");
        });
        await app.StartAsync().ConfigureAwait(false);
        return new LoopbackHost(app, logs);
    }

    /// <summary>Sends <paramref name="request"/> with <paramref name="token"/> as bearer when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
