using SpineDecision.CdsHooks.Security;

namespace SpineDecision.CdsHooks.Tests.Support;

/// <summary>A Production host on loopback trusting one generated ES384 client, with its feedback store in a temporary folder.</summary>
internal sealed class TrustedHost : IAsyncDisposable
{
    private TrustedHost(LoopbackHost host, TestClient client, string databasePath)
    {
        Host = host;
        Client = client;
        DatabasePath = databasePath;
    }

    public LoopbackHost Host { get; }

    public TestClient Client { get; }

    public string DatabasePath { get; }

    public static async Task<TrustedHost> StartAsync(string? databasePath = null, Action<CdsHooksOptions>? configure = null, TestClient? client = null)
    {
        client ??= TestClient.Es384();
        databasePath ??= Path.Combine(Path.GetTempPath(), "spine-cds-tests", Guid.NewGuid().ToString("N"), "feedback.db");
        var host = await LoopbackHost.StartAsync(options =>
        {
            options.Feedback.DatabasePath = databasePath;
            var issuer = new CdsHooksTrustedIssuer { Issuer = client.Issuer };
            issuer.Keys.Add(client.PublicMembers());
            options.Security.TrustedIssuers.Add(issuer);
            configure?.Invoke(options);
        });
        return new TrustedHost(host, client, databasePath);
    }

    /// <summary>POSTs <paramref name="json"/> to <paramref name="path"/> with a fresh valid token for it.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Host.SendAsync(HttpMethod.Post, path, Client.Token(Host.Url(path)), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
