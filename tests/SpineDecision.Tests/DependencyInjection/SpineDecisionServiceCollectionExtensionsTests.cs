using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.DependencyInjection;

[TestFixture]
public sealed class SpineDecisionServiceCollectionExtensionsTests
{
    [Test]
    public void AddSpineDecision_WithProfile_ResolvesOneSingletonEngineRunningThatProfile()
    {
        using var provider = new ServiceCollection().AddSpineDecision(o => o.Profile = "asra-2020").BuildServiceProvider();

        var first = provider.GetRequiredService<ISpineDecisionEngine>();
        var second = provider.GetRequiredService<ISpineDecisionEngine>();

        first.Should().BeSameAs(second);
        first.Profile.Should().Be("asra-2020");
    }

    [Test]
    public void AddSpineDecision_WithoutConfiguration_RunsTheDefaultProfile()
    {
        using var provider = new ServiceCollection().AddSpineDecision().BuildServiceProvider();

        var engine = provider.GetRequiredService<ISpineDecisionEngine>();

        engine.Profile.Should().Be("medicare");
    }

    [Test]
    public void AddSpineDecision_CalledTwice_ThrowsInsteadOfDroppingTheSecond()
    {
        var services = new ServiceCollection().AddSpineDecision(o => o.Profile = "evicore");

        var act = () => services.AddSpineDecision(o => o.Profile = "florida-blue");

        act.Should().Throw<InvalidOperationException>().WithMessage("the SpineDecision engine is already registered*Configure<SpineDecisionOptions>(...)*");
    }

    [Test]
    public void AddSpineDecision_SameKeyTwice_ThrowsNamingTheKey()
    {
        var services = new ServiceCollection().AddSpineDecision("evicore", o => o.Profile = "evicore");

        var act = () => services.AddSpineDecision("evicore", o => o.Profile = "medicare");

        act.Should().Throw<InvalidOperationException>().WithMessage("the SpineDecision engine 'evicore' is already registered*Configure<SpineDecisionOptions>(\"evicore\", ...)*");
    }

    [Test]
    public void AddSpineDecision_KeyedAndUnkeyed_ResolvesEachWithItsOwnProfile()
    {
        using var provider = new ServiceCollection()
            .AddSpineDecision()
            .AddSpineDecision("evicore", o => o.Profile = "evicore")
            .AddSpineDecision("asra", o => o.Profile = "asra-2020")
            .BuildServiceProvider();

        var engines = new[] { provider.GetRequiredService<ISpineDecisionEngine>(), provider.GetRequiredKeyedService<ISpineDecisionEngine>("evicore"),
            provider.GetRequiredKeyedService<ISpineDecisionEngine>("asra") };

        engines.Select(e => e.Profile).Should().Equal("medicare", "evicore", "asra-2020");
    }

    [Test]
    public void AddSpineDecision_ConfigureAfterwards_AppliesToTheEngine()
    {
        using var provider = new ServiceCollection()
            .AddSpineDecision()
            .Configure<SpineDecisionOptions>(o => o.Profile = "asra-2020")
            .BuildServiceProvider();

        var engine = provider.GetRequiredService<ISpineDecisionEngine>();

        engine.Profile.Should().Be("asra-2020");
    }

    [Test]
    public void AddSpineDecision_Resolved_ExposesProfilesContentHashAndWarningsOnTheInterface()
    {
        using var provider = new ServiceCollection().AddSpineDecision().BuildServiceProvider();
        var engine = provider.GetRequiredService<ISpineDecisionEngine>();

        var report = engine.Evaluate(SampleCases.FacetRfa(80));

        engine.Profiles.Should().Contain(["medicare", "asra-2020", "evicore"]).And.BeInAscendingOrder(StringComparer.Ordinal);
        engine.ContentHash.Should().Be(report.Provenance.ContentHash).And.MatchRegex("^[0-9a-f]{64}$");
        engine.Warnings.Should().BeEquivalentTo(((SpineDecisionEngine)engine).Warnings);
    }

    [Test]
    public void AddSpineDecision_WithLogging_LogsLoadingThroughILogger()
    {
        var sink = new CapturingLoggerProvider();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug))
            .AddSpineDecision(o => o.Profile = "asra-2020")
            .BuildServiceProvider();

        _ = provider.GetRequiredService<ISpineDecisionEngine>();

        sink.Messages.Should().Contain(m => m.Category == typeof(SpineDecisionEngine).FullName && m.Level == LogLevel.Information &&
            m.Text.StartsWith("SpineDecision loaded ", StringComparison.Ordinal) && m.Text.Contains("profile asra-2020", StringComparison.Ordinal));
    }

    [Test]
    public void AddSpineDecision_WithLogging_LogsEachEvaluationAtDebug()
    {
        var sink = new CapturingLoggerProvider();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug))
            .AddSpineDecision()
            .BuildServiceProvider();
        var engine = provider.GetRequiredService<ISpineDecisionEngine>();

        engine.Evaluate(SampleCases.FacetRfa(80));

        sink.Messages.Should().Contain(m => m.Level == LogLevel.Debug && m.Text.StartsWith("Case facet: 1 recommended", StringComparison.Ordinal));
    }

    [Test]
    public void AddSpineDecision_UnknownProfile_ThrowsOptionsValidationExceptionWithDidYouMeanOnResolve()
    {
        using var provider = new ServiceCollection().AddSpineDecision(o => o.Profile = "asra-2021").BuildServiceProvider();

        var act = () => provider.GetRequiredService<ISpineDecisionEngine>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*SD0211*unknown profile 'asra-2021' (did you mean 'asra-2020'?)*");
    }

    [Test]
    public void AddSpineDecision_MaxRuleFiringsBelowOne_ThrowsOptionsValidationExceptionNamingTheOption()
    {
        using var provider = new ServiceCollection().AddSpineDecision(o => o.MaxRuleFirings = 0).BuildServiceProvider();

        var act = () => provider.GetRequiredService<ISpineDecisionEngine>();

        act.Should().Throw<OptionsValidationException>().WithMessage("the SpineDecision engine: MaxRuleFirings must be at least 1, was 0");
    }

    [Test]
    public void AddSpineDecision_NullServices_ThrowsArgumentNullException()
    {
        var act = () => SpineDecisionServiceCollectionExtensions.AddSpineDecision(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
