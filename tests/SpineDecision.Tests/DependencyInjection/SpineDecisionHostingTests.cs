using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpineDecision.Tests.DependencyInjection;

/// <summary>
/// The engine as a host sees it: a real <see cref="Host"/> started with configuration from an in-memory appsettings
/// section, where invalid options must fail <c>StartAsync</c> rather than the first request.
/// </summary>
[TestFixture]
public sealed class SpineDecisionHostingTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("spine-hosting-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task AddSpineDecision_ConfigurationSection_StartsWithTheConfiguredProfile()
    {
        using var host = Build(new() { ["SpineDecision:Profile"] = "asra-2020" }, b => b.Services.AddSpineDecision(b.Configuration.GetSection("SpineDecision")));

        await host.StartAsync();

        host.Services.GetRequiredService<ISpineDecisionEngine>().Profile.Should().Be("asra-2020");
        await host.StopAsync();
    }

    [Test]
    public async Task AddSpineDecision_UnknownProfileInConfiguration_FailsStartAsyncWithDidYouMean()
    {
        using var host = Build(new() { ["SpineDecision:Profile"] = "asra-2021" }, b => b.Services.AddSpineDecision(b.Configuration.GetSection("SpineDecision")));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage(
            "the SpineDecision engine could not be built: *(options)(1,1): error SD0211: unknown profile 'asra-2021' (did you mean 'asra-2020'?)*");
    }

    [Test]
    public async Task AddSpineDecision_MissingRuleFolder_FailsStartAsyncNamingTheFolder()
    {
        var missing = Path.Combine(_folder, "no-such-rules");
        using var host = Build(new() { ["SpineDecision:RuleDirectories:0"] = missing }, b => b.Services.AddSpineDecision(b.Configuration.GetSection("SpineDecision")));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage($"*{missing}(1,1): error *rule folder '{missing}' does not exist*");
    }

    [Test]
    public async Task AddSpineDecision_RuleErrors_FailStartAsyncWithTheLocatedErrors()
    {
        File.WriteAllText(Path.Combine(_folder, "bad.yaml"), "ruleSet:\n  id: MY-BAD\n  titel: A typo\n");
        using var host = Build([], b => b.Services.AddSpineDecision("mine", o => o.RuleDirectories.Add(_folder)));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage("the SpineDecision engine 'mine' could not be built: *bad.yaml(3,3): error *'titel'*");
    }

    [Test]
    public async Task AddSpineDecision_UnknownConfigurationKey_FailsStartAsyncNamingTheKey()
    {
        using var host = Build(new() { ["SpineDecision:Profil"] = "asra-2020" }, b => b.Services.AddSpineDecision(b.Configuration.GetSection("SpineDecision")));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*'Profil'*");
    }

    [Test]
    public async Task AddSpineDecision_KeyedSectionsInjectedWithFromKeyedServices_EachGetsItsOwnProfile()
    {
        using var host = Build(new() { ["SpineDecision:evicore:Profile"] = "evicore", ["SpineDecision:asra:Profile"] = "asra-2020" }, b =>
        {
            b.Services.AddSpineDecision("evicore", b.Configuration.GetSection("SpineDecision:evicore"));
            b.Services.AddSpineDecision("asra", b.Configuration.GetSection("SpineDecision:asra"));
            b.Services.AddSingleton<PayerEngines>();
        });

        await host.StartAsync();

        var engines = host.Services.GetRequiredService<PayerEngines>();
        (engines.Evicore.Profile, engines.Asra.Profile).Should().Be(("evicore", "asra-2020"));
        await host.StopAsync();
    }

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public async Task StartAsync_WarmUpOnStart_EvaluatesOnceAtStartOnlyWhenOn(bool warmUp, int expectedWarmUps)
    {
        var sink = new CapturingLoggerProvider();
        using var host = Build([], b =>
        {
            b.Logging.AddProvider(sink).SetMinimumLevel(LogLevel.Debug);
            b.Services.AddSpineDecision("evicore", o => (o.Profile, o.WarmUpOnStart) = ("evicore", warmUp));
        });

        await host.StartAsync();

        sink.Messages.Count(m => m.Text == "Warmed up the SpineDecision engine 'evicore' ('' is the unkeyed one), profile evicore").Should().Be(expectedWarmUps);
        sink.Messages.Should().Contain(m => m.Text.StartsWith("SpineDecision loaded ", StringComparison.Ordinal), "the engine is compiled at start either way");
        await host.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<HostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder);
        return builder.Build();
    }

    private sealed class PayerEngines([FromKeyedServices("evicore")] ISpineDecisionEngine evicore, [FromKeyedServices("asra")] ISpineDecisionEngine asra)
    {
        public ISpineDecisionEngine Evicore { get; } = evicore;

        public ISpineDecisionEngine Asra { get; } = asra;
    }
}
