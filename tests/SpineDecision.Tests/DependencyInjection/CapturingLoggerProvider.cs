using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SpineDecision.Tests.DependencyInjection;

internal sealed record LogMessage(string Category, LogLevel Level, string Text);

/// <summary>Keeps every message logged through it, for assertions on categories, levels and text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogMessage> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Messages);

    public void Dispose()
    {
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
