namespace SpineDecision.CdsHooks.Tests;

/// <summary>A fixture with one in-memory server for all its tests (starting it and compiling the rules is the slow part).</summary>
public abstract class ServerFixture : IAsyncDisposable
{
    private protected CdsHooksTestServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer() => Server = new CdsHooksTestServer();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
