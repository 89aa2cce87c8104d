using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpineDecision.Tests.DependencyInjection;

[TestFixture]
public sealed class SpineDecisionHealthCheckTests
{
    [Test]
    public async Task AddSpineDecisionHealthCheck_CompiledEngine_IsHealthyWithProfileAndContentHash()
    {
        await using var provider = new ServiceCollection().AddLogging()
            .AddSpineDecision("evicore", o => o.Profile = "evicore")
            .AddHealthChecks().AddSpineDecisionHealthCheck("evicore").Services
            .BuildServiceProvider();
        var engine = provider.GetRequiredKeyedService<ISpineDecisionEngine>("evicore");

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries["spine-decision-evicore"];
        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Data.Should().Contain(new KeyValuePair<string, object>("profile", "evicore")).And.Contain(new KeyValuePair<string, object>("contentHash", engine.ContentHash));
    }

    [Test]
    public async Task AddSpineDecisionHealthCheck_EngineWithUnknownProfile_IsUnhealthyWithTheError()
    {
        await using var provider = new ServiceCollection().AddLogging()
            .AddSpineDecision(o => o.Profile = "asra-2021")
            .AddHealthChecks().AddSpineDecisionHealthCheck().Services
            .BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries["spine-decision"];
        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("unknown profile 'asra-2021' (did you mean 'asra-2020'?)");
    }

    [Test]
    public async Task AddSpineDecisionHealthCheck_EngineNeverRegistered_ReportsTheFailureStatusGiven()
    {
        await using var provider = new ServiceCollection().AddLogging()
            .AddHealthChecks().AddSpineDecisionHealthCheck("florida-blue", failureStatus: HealthStatus.Degraded).Services
            .BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["spine-decision-florida-blue"].Status.Should().Be(HealthStatus.Degraded);
    }
}
