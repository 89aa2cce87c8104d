using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpineDecision.CdsHooks.Tests.Support;

/// <summary>An issuer's JWK Set endpoint on a real Kestrel at 127.0.0.1 on a free port; counts fetches; stops when disposed.</summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _fetches;

    private JwksServer(WebApplication app, string jwksJson)
    {
        _app = app;
        Jwks = jwksJson;
    }

    /// <summary>The JWK Set served; change it to rotate keys.</summary>
    public string Jwks { get; set; }

    /// <summary>How long each answer is held back (to exercise the fetch timeout).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The JWK Set's URL (<c>…/jwks.json</c>).</summary>
    public string Url { get; private set; } = "";

    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<JwksServer> StartAsync(string jwksJson)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new JwksServer(app, jwksJson);
        app.MapGet("/jwks.json", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._fetches);
            await Task.Delay(server.Delay, context.RequestAborted).ConfigureAwait(false);
            return Results.Text(server.Jwks, "application/json");
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = address.TrimEnd('/') + "/jwks.json";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
