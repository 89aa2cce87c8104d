using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpineDecision.CdsHooks.Security;
using SpineDecision.CdsHooks.Tests.Support;

namespace SpineDecision.CdsHooks.Tests.Security;

/// <summary>Where trust comes from: configuration, the spec's example key, the environment and the listen address.</summary>
public sealed class TrustConfigurationTests
{
    [Test]
    public async Task Call_TokenSignedWithTheSpecExampleKey_IsTrusted()
    {
        // Arrange: the spec's P-384 example key signs; its public JWK Set is served from loopback as the allow-listed jku.
        var client = TestClient.FromPrivateJwk("https://fhir-ehr.example.com/", Fixtures.Read("spec-2.0/index.md_L952-999_jwk-private-TEST-ONLY.json"));
        await using var jwks = await JwksServer.StartAsync(Fixtures.Read("spec-2.0/index.md_L952-999_jwks-public.json"));
        await using var host = await TrustingJwksAsync(client, jwks);
        var token = client.Token(host.Url(LoopbackHost.ProbePath), jku: jwks.Url);

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<LoopbackHost> TrustingJwksAsync(TestClient client, JwksServer jwks, Action<CdsHooksOptions>? configure = null) =>
        await LoopbackHost.StartAsync(options =>
        {
            var issuer = new CdsHooksTrustedIssuer { Issuer = client.Issuer };
            issuer.JwksUrls.Add(jwks.Url);
            options.Security.TrustedIssuers.Add(issuer);
            configure?.Invoke(options);
        });

    [Test]
    public async Task Call_KeyRotatedAtTheIssuer_IsTrustedAfterARefetch()
    {
        // Arrange: the set first holds key A; the issuer then publishes key B and signs with it.
        var before = TestClient.Es384(keyId: "key-a");
        var after = TestClient.Es384(keyId: "key-b");
        await using var jwks = await JwksServer.StartAsync(before.JwksJson);
        await using var host = await TrustingJwksAsync(before, jwks, options => options.Security.JwksRefreshInterval = TimeSpan.Zero);
        using var first = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, before.Token(host.Url(LoopbackHost.ProbePath), jku: jwks.Url));
        jwks.Jwks = after.JwksJson;

        // Act
        using var rotated = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, after.Token(host.Url(LoopbackHost.ProbePath), jku: jwks.Url));

        // Assert
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        jwks.Fetches.Should().Be(2);
    }

    [Test]
    public async Task Call_JwksSlowerThanTheTimeout_IsUnauthorizedWithinTheTimeout()
    {
        // Arrange: the set answers after 10 s; the timeout is 0.5 s.
        var client = TestClient.Es384();
        await using var jwks = await JwksServer.StartAsync(client.JwksJson);
        jwks.Delay = TimeSpan.FromSeconds(10);
        await using var host = await TrustingJwksAsync(client, jwks, options => options.Security.JwksTimeout = TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, client.Token(host.Url(LoopbackHost.ProbePath), jku: jwks.Url));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
    }

    [Test]
    public async Task Call_KeyAndIssuerFromConfiguration_IsTrusted()
    {
        // Arrange: the JWK written as configuration keys, as appsettings.json or environment variables hold it.
        var client = TestClient.Es384("https://configured.test.example/", "cfg-1");
        var settings = new Dictionary<string, string?> { ["SpineDecision:CdsHooks:Security:TrustedIssuers:0:Issuer"] = client.Issuer };
        foreach (var (name, value) in client.PublicMembers())
        {
            settings[$"SpineDecision:CdsHooks:Security:TrustedIssuers:0:Keys:0:{name}"] = value;
        }

        await using var host = await LoopbackHost.StartAsync(_ => { }, configuration: settings);

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, client.Token(host.Url(LoopbackHost.ProbePath)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Call_AlgorithmNotOnTheConfiguredList_IsUnauthorized()
    {
        // Arrange: only ES384 is configured, the client signs RS384.
        var client = TestClient.Rs384();
        await using var trusted = await TrustedHost.StartAsync(configure: options => options.Security.Algorithms.Add("ES384"), client: client);
        var host = trusted.Host;

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, client.Token(host.Url(LoopbackHost.ProbePath)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_AudienceOnThePublicBaseUrl_IsTrustedBehindAProxy()
    {
        // Arrange
        var client = TestClient.Es384();
        await using var trusted = await TrustedHost.StartAsync(configure: options => options.Security.PublicBaseUrl = "https://cds.example.org/spine/", client: client);
        var host = trusted.Host;

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, client.Token("https://cds.example.org/spine" + LoopbackHost.ProbePath));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Call_AudienceOfTheInternalAddressBehindAPublicBaseUrl_IsUnauthorized()
    {
        // Arrange
        var client = TestClient.Es384();
        await using var trusted = await TrustedHost.StartAsync(configure: options => options.Security.PublicBaseUrl = "https://cds.example.org", client: client);
        var host = trusted.Host;

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, client.Token(host.Url(LoopbackHost.ProbePath)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_NoTrustedIssuerInProduction_IsUnauthorizedAndLogged()
    {
        // Arrange
        var client = TestClient.Es384();
        await using var host = await LoopbackHost.StartAsync(_ => { });

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, client.Token(host.Url(LoopbackHost.ProbePath)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        host.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("No CDS client can be trusted", StringComparison.Ordinal));
    }

    [Test]
    public async Task Call_DevelopmentOnLoopback_NeedsNoToken()
    {
        // Arrange
        await using var host = await LoopbackHost.StartAsync(_ => { }, environment: "Development");

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("authentication is OFF", StringComparison.Ordinal));
    }

    [Test]
    public async Task Call_StagingOnLoopback_NeedsAToken()
    {
        // Arrange
        await using var host = await LoopbackHost.StartAsync(_ => { }, environment: "Staging");

        // Act
        using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [TestCase("http://127.0.0.1:5080", true)]
    [TestCase("http://[::1]:5080", true)]
    [TestCase("http://localhost:5080", true)]
    [TestCase("http://0.0.0.0:5080", false)]
    [TestCase("http://*:5080", false)]
    [TestCase("http://+:5080", false)]
    [TestCase("http://10.1.2.3:5080", false)]
    public void AllLoopback_OneAddress_IsLoopbackOnlyForLoopbackHosts(string address, bool expected)
    {
        // Act
        var loopback = CdsHooksStartup.AllLoopback([address]);

        // Assert
        loopback.Should().Be(expected);
    }

    [Test]
    public void AllLoopback_LoopbackAndAnyAddress_IsNotLoopback()
    {
        // Act
        var loopback = CdsHooksStartup.AllLoopback(["http://127.0.0.1:5080", "http://0.0.0.0:5081"]);

        // Assert
        loopback.Should().BeFalse();
    }

    [Test]
    public void AllLoopback_NoKnownAddress_IsNotLoopback()
    {
        // Act
        var loopback = CdsHooksStartup.AllLoopback([]);

        // Assert
        loopback.Should().BeFalse();
    }

    [TestCase("HS256")]
    [TestCase("none")]
    public async Task Start_ForbiddenAlgorithmConfigured_FailsNamingTheSetting(string algorithm)
    {
        // Act
        var start = () => LoopbackHost.StartAsync(options => options.Security.Algorithms.Add(algorithm));

        // Assert
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("SpineDecision:CdsHooks:Security:Algorithms:0").And.Contain(algorithm);
    }

    [Test]
    public async Task Start_PlainHttpJwksUrlOffLoopback_FailsNamingTheSetting()
    {
        // Act
        var start = () => LoopbackHost.StartAsync(options =>
        {
            var issuer = new CdsHooksTrustedIssuer { Issuer = "https://ehr.test.example/" };
            issuer.JwksUrls.Add("http://ehr.test.example/jwks.json");
            options.Security.TrustedIssuers.Add(issuer);
        });

        // Assert
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("TrustedIssuers:0:JwksUrls:0");
    }

    [Test]
    public async Task Endpoints_EveryServiceEndpointOfTheServer_RequiresTheTrustPolicy()
    {
        // Arrange: the server sample as shipped; discovery and the hook endpoints are covered as soon as they are mapped.
        await using var factory = new WebApplicationFactory<Program>();
        _ = factory.Server;
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/cds-services", StringComparison.Ordinal) == true)
            .ToList();

        // Assert
        endpoints.Should().NotBeEmpty();
        endpoints.Should().OnlyContain(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == CdsHooksTrust.Scheme));
    }
}
