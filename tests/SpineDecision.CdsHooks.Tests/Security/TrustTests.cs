using System.Net;
using Microsoft.Extensions.Logging;
using SpineDecision.CdsHooks.Security;
using SpineDecision.CdsHooks.Tests.Support;

namespace SpineDecision.CdsHooks.Tests.Security;

/// <summary>CDS Hooks 2.0 "Trusting CDS Clients" on a real Kestrel, with keys from a JWK Set on another loopback Kestrel.</summary>
public sealed class TrustTests
{
    private static readonly TestClient Es = TestClient.Es384();
    private static readonly TestClient Rs = TestClient.Rs384();

    private JwksServer _jwks = null!;
    private JwksServer _rogueJwks = null!;
    private LoopbackHost _host = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _jwks = await JwksServer.StartAsync(Es.JwksJson);
        _rogueJwks = await JwksServer.StartAsync(Es.JwksJson);
        _host = await LoopbackHost.StartAsync(options =>
        {
            var es = new CdsHooksTrustedIssuer { Issuer = Es.Issuer };
            es.JwksUrls.Add(_jwks.Url);
            options.Security.TrustedIssuers.Add(es);
            var rs = new CdsHooksTrustedIssuer { Issuer = Rs.Issuer };
            rs.Keys.Add(Rs.PublicMembers());
            options.Security.TrustedIssuers.Add(rs);
        });
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        await _host.DisposeAsync();
        await _rogueJwks.DisposeAsync();
        await _jwks.DisposeAsync();
    }

    private Task<HttpResponseMessage> Probe(string? token) => _host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, token);

    private string Audience => _host.Url(LoopbackHost.ProbePath);

    [Test]
    public async Task Call_Es384TokenWithAllowListedJku_IsTrusted()
    {
        // Arrange
        var token = Es.Token(Audience, jku: _jwks.Url);

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Call_Rs384TokenWithKeyConfiguredOutOfBand_IsTrusted()
    {
        // Arrange
        var token = Rs.Token(Audience);

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Call_Es384TokenWithoutJku_UsesTheIssuersConfiguredJwksUrl()
    {
        // Arrange
        var token = Es.Token(Audience);

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Call_MissingAuthorizationHeader_IsUnauthorizedWithNoDetail()
    {
        // Act
        using var response = await Probe(null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task Call_AlgNone_IsUnauthorized()
    {
        // Act
        using var response = await Probe(Es.UnsignedToken(Audience));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_Hs256_IsUnauthorized()
    {
        // Act
        using var response = await Probe(Es.HmacToken(Audience));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_AudienceOfAnotherService_IsUnauthorized()
    {
        // Arrange
        var token = Es.Token(_host.Url("/cds-services/another-service"), jku: _jwks.Url);

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_AudienceWithTrailingSlash_IsUnauthorized()
    {
        // Arrange
        var token = Es.Token(Audience + "/", jku: _jwks.Url);

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_ExpiredBeyondSkew_IsUnauthorized()
    {
        // Arrange: the default skew is 60 s; expired 2 minutes ago.
        var now = DateTime.UtcNow;
        var token = Es.Token(Audience, jku: _jwks.Url, issuedAt: now.AddMinutes(-6), expires: now.AddMinutes(-2));

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_ExpiredWithinSkew_IsTrusted()
    {
        // Arrange: expired 20 s ago, inside the 60 s skew.
        var now = DateTime.UtcNow;
        var token = Es.Token(Audience, jku: _jwks.Url, issuedAt: now.AddMinutes(-4), expires: now.AddSeconds(-20));

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Call_IssuedInTheFutureBeyondSkew_IsUnauthorized()
    {
        // Arrange
        var now = DateTime.UtcNow;
        var token = Es.Token(Audience, jku: _jwks.Url, issuedAt: now.AddMinutes(3), expires: now.AddMinutes(6));

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_LifetimeLongerThanMaximum_IsUnauthorized()
    {
        // Arrange: the default maximum is 10 minutes.
        var now = DateTime.UtcNow;
        var token = Es.Token(Audience, jku: _jwks.Url, issuedAt: now, expires: now.AddMinutes(11));

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_LifetimeAtMaximum_IsTrusted()
    {
        // Arrange
        var now = DateTime.UtcNow;
        var token = Es.Token(Audience, jku: _jwks.Url, issuedAt: now, expires: now.AddMinutes(10));

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Call_ReplayedJti_IsUnauthorizedTheSecondTime()
    {
        // Arrange
        var token = Es.Token(Audience, jku: _jwks.Url);
        using var first = await Probe(token);

        // Act
        using var replay = await Probe(token);

        // Assert
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_UnknownKid_IsUnauthorized()
    {
        // Arrange
        var token = Es.Token(Audience, jku: _jwks.Url, keyId: "no-such-key");

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_UntrustedIssuer_IsUnauthorized()
    {
        // Arrange
        var token = Es.Token(Audience, jku: _jwks.Url, issuer: "https://rogue.test.example/");

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_UntrustedJku_IsUnauthorizedWithoutFetchingIt()
    {
        // Arrange: the rogue set holds the right key, but its URL is not on the issuer's allow-list.
        var token = Es.Token(Audience, jku: _rogueJwks.Url);

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _rogueJwks.Fetches.Should().Be(0);
    }

    [Test]
    public async Task Call_SignedByAnotherKeyWithTheTrustedKid_IsUnauthorized()
    {
        // Arrange
        var impostor = TestClient.Es384(Es.Issuer, Es.PublicKey.Kid);
        var token = impostor.Token(Audience, jku: _jwks.Url);

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Call_ManyTrustedCalls_FetchTheJwksOnce()
    {
        // Arrange
        await using var jwks = await JwksServer.StartAsync(Es.JwksJson);
        await using var host = await LoopbackHost.StartAsync(options =>
        {
            var issuer = new CdsHooksTrustedIssuer { Issuer = Es.Issuer };
            issuer.JwksUrls.Add(jwks.Url);
            options.Security.TrustedIssuers.Add(issuer);
        });

        // Act
        for (var i = 0; i < 5; i++)
        {
            using var response = await host.SendAsync(HttpMethod.Get, LoopbackHost.ProbePath, Es.Token(host.Url(LoopbackHost.ProbePath), jku: jwks.Url));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Assert
        jwks.Fetches.Should().Be(1);
    }

    [Test]
    public async Task Call_Refused_LogsTheReasonButNotTheToken()
    {
        // Arrange
        var token = Es.Token(Audience, jku: _jwks.Url, issuer: "https://logged.test.example/");

        // Act
        using var response = await Probe(token);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _host.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains(nameof(TokenRejection.UntrustedIssuer), StringComparison.Ordinal));
        _host.Logs.Entries.Should().NotContain(e => e.Message.Contains(token, StringComparison.Ordinal) || e.Message.Contains("logged.test.example", StringComparison.Ordinal));
    }
}
