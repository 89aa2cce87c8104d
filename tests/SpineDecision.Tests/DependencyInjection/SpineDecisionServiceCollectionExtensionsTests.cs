using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    public void AddSpineDecision_CalledTwice_KeepsTheFirstRegistration()
    {
        var services = new ServiceCollection().AddSpineDecision(o => o.Profile = "evicore").AddSpineDecision(o => o.Profile = "florida-blue");
        using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<ISpineDecisionEngine>();

        services.Count(s => s.ServiceType == typeof(ISpineDecisionEngine)).Should().Be(1);
        engine.Profile.Should().Be("evicore");
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

        sink.Messages.Should().Contain(m => m.Category == "SpineDecision" && m.Level == LogLevel.Information &&
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
    public void AddSpineDecision_UnknownProfile_ThrowsRuleLoadExceptionWithDidYouMeanOnResolve()
    {
        using var provider = new ServiceCollection().AddSpineDecision(o => o.Profile = "asra-2021").BuildServiceProvider();

        var act = () => provider.GetRequiredService<ISpineDecisionEngine>();

        var e = act.Should().Throw<RuleLoadException>().Which;
        e.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("SD0211");
        e.Message.Should().Contain("unknown profile 'asra-2021' (did you mean 'asra-2020'?)");
    }

    [Test]
    public void AddSpineDecision_NullServices_ThrowsArgumentNullException()
    {
        var act = () => SpineDecisionServiceCollectionExtensions.AddSpineDecision(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    private sealed record LogMessage(string Category, LogLevel Level, string Text);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogMessage> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Messages);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogMessage> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(new LogMessage(category, logLevel, formatter(state, exception)));
    }
}
