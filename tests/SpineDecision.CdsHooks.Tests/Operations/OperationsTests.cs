using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpineDecision.CdsHooks.Feedback;
using SpineDecision.CdsHooks.Tests.Support;

namespace SpineDecision.CdsHooks.Tests.Operations;

/// <summary>Health probes, rate limits, the shared replay cache and telemetry, on a real Kestrel on loopback.</summary>
public sealed class OperationsTests
{
    private static async Task<HttpStatusCode> WaitForReadyAsync(LoopbackHost host)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 240 && status != HttpStatusCode.OK; attempt++)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "/health/ready", null);
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(250);
            }
        }

        return status;
    }

    [Test]
    public async Task Live_AnyHost_IsHealthyWithoutAToken()
    {
        // Arrange
        await using var host = await LoopbackHost.StartAsync(_ => { });

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, "/health/live", null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Start_AnyHost_LogsItsDiscoveryUrl()
    {
        // Arrange
        await using var host = await LoopbackHost.StartAsync(_ => { });

        // Act
        var discovery = host.Url("/cds-services");

        // Assert
        host.Logs.Entries.Should().Contain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information && e.Message == "CDS Hooks discovery: " + discovery);
    }

    [Test]
    public async Task Ready_EngineCompiled_IsHealthy()
    {
        // Arrange
        await using var host = await LoopbackHost.StartAsync(_ => { }, services: services => services.AddSpineDecision());

        // Act
        var status = await WaitForReadyAsync(host);

        // Assert
        status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Start_EngineFailsToCompile_FailsAtStartNamingTheFolder()
    {
        // Arrange: a rule folder that does not exist.
        var missing = Path.Combine(Path.GetTempPath(), "spine-no-such-rules", Guid.NewGuid().ToString("N"));

        // Act
        var start = () => LoopbackHost.StartAsync(_ => { }, services: services => services.AddSpineDecision(options => options.RuleDirectories.Add(missing)));

        // Assert
        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().Contain(missing);
    }

    [Test]
    public async Task Call_BeyondThePermitLimit_Is429WithRetryAfter()
    {
        // Arrange: two calls per minute allowed.
        await using var trusted = await TrustedHost.StartAsync(configure: options => options.Security.RateLimit.PermitLimit = 2);
        var host = trusted.Host;
        var audience = host.Url(LoopbackHost.ProbePath);
        using var first = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, trusted.Client.Token(audience));
        using var second = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, trusted.Client.Token(audience));

        // Act
        using var third = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, trusted.Client.Token(audience));

        // Assert
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.Should().NotBeNull();
    }

    [Test]
    public async Task Call_AnotherClientPastItsLimit_IsNotLimited()
    {
        // Arrange: one client spends its two permits; another issuer calls next.
        var other = TestClient.Rs384();
        await using var trusted = await TrustedHost.StartAsync(configure: options =>
        {
            options.Security.RateLimit.PermitLimit = 2;
            var issuer = new SpineDecision.CdsHooks.Security.CdsHooksTrustedIssuer { Issuer = other.Issuer };
            issuer.Keys.Add(other.PublicMembers());
            options.Security.TrustedIssuers.Add(issuer);
        });
        var host = trusted.Host;
        var audience = host.Url(LoopbackHost.ProbePath);
        for (var i = 0; i < 3; i++)
        {
            using var spent = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, trusted.Client.Token(audience));
        }

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, other.Token(audience));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase(1024, HttpStatusCode.OK)]
    [TestCase(1025, HttpStatusCode.RequestEntityTooLarge)]
    public async Task Call_BodyAroundTheGroupLimit_IsAcceptedUpToIt(int bytes, HttpStatusCode expected)
    {
        // Arrange: a 1 KiB limit on the group.
        await using var trusted = await TrustedHost.StartAsync(configure: options => options.Security.MaxRequestBodySize = 1024);
        var host = trusted.Host;
        using var content = new ByteArrayContent(new byte[bytes]);

        // Act
        using var response = await host.SendAsync(HttpMethod.Post, LoopbackHost.ProbePath, trusted.Client.Token(host.Url(LoopbackHost.ProbePath)), content);

        // Assert
        response.StatusCode.Should().Be(expected);
    }

    [Test]
    public async Task Call_TokenReplayedOnAnotherInstanceSharingTheCache_IsUnauthorized()
    {
        // Arrange: two instances behind one public URL share a distributed cache (as Redis would be shared).
        var shared = new SharedCache();
        var client = TestClient.Es384();
        void Configure(CdsHooksOptions options) => options.Security.PublicBaseUrl = "https://cds.example.org";
        var token = client.Token("https://cds.example.org" + LoopbackHost.ProbePath);
        await using var sharedFirst = await LoopbackHost.StartAsync(o => { Configure(o); Trust(o, client); }, services: s => s.AddSingleton<IDistributedCache>(shared));
        await using var sharedSecond = await LoopbackHost.StartAsync(o => { Configure(o); Trust(o, client); }, services: s => s.AddSingleton<IDistributedCache>(shared));
        using var accepted = await sharedFirst.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, token);

        // Act
        using var replayed = await sharedSecond.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, token);

        // Assert
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Feedback_Stored_IsCountedByOutcome()
    {
        // Arrange
        await using var trusted = await TrustedHost.StartAsync();
        var card = Guid.NewGuid().ToString();
        await trusted.Host.Services.GetRequiredService<ICardIssueLog>().RecordIssuedAsync("telemetry-service", "h", [card], DateTimeOffset.UtcNow, CancellationToken.None);
        using var listener = new MeterListener();
        long overridden = 0;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CdsHooksTelemetry.Name && instrument.Name == CdsHooksTelemetry.FeedbackInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (HasTag(tags, "cds.service", "telemetry-service") && HasTag(tags, "cds.feedback.outcome", "overridden"))
            {
                Interlocked.Add(ref overridden, value);
            }
        });
        listener.Start();

        // Act
        using var response = await trusted.PostAsync("/cds-services/telemetry-service/feedback", $$"""{"feedback":[{"card":"{{card}}","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Interlocked.Read(ref overridden).Should().Be(1);
    }

    [Test]
    public void RecordCall_ThreeCards_CountsThemByIndicatorAndRecordsTheDuration()
    {
        // Arrange
        using var listener = new MeterListener();
        var cards = new Dictionary<string, long>();
        var durations = new List<double>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CdsHooksTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == CdsHooksTelemetry.CardsInstrument && HasTag(tags, "cds.service", "record-call-test"))
            {
                lock (cards)
                {
                    var indicator = (string)Tag(tags, "cds.card.indicator")!;
                    cards[indicator] = cards.GetValueOrDefault(indicator) + value;
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == CdsHooksTelemetry.CallDurationInstrument && HasTag(tags, "cds.service", "record-call-test"))
            {
                lock (durations)
                {
                    durations.Add(value);
                }
            }
        });
        listener.Start();

        // Act
        CdsHooksTelemetry.RecordCall("record-call-test", 200, TimeSpan.FromMilliseconds(12), ["warning", "info", "warning"]);

        // Assert
        cards.Should().BeEquivalentTo(new Dictionary<string, long> { ["warning"] = 2, ["info"] = 1 });
        durations.Should().Equal(0.012);
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private static bool HasTag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name, string value) => Equals(Tag(tags, name), value);

    private static void Trust(CdsHooksOptions options, TestClient client)
    {
        var issuer = new SpineDecision.CdsHooks.Security.CdsHooksTrustedIssuer { Issuer = client.Issuer };
        issuer.Keys.Add(client.PublicMembers());
        options.Security.TrustedIssuers.Add(issuer);
    }

    /// <summary>A distributed cache of another type than the in-memory default, shared by two hosts as Redis would be.</summary>
    private sealed class SharedCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public byte[]? Get(string key) => _inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _inner.Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => _inner.SetAsync(key, value, options, token);
    }
}
