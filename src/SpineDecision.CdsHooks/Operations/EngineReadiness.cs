using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpineDecision.CdsHooks.Operations;

/// <summary>
/// Compiles the decision engine at start-up, off the start path, so that <c>/health/live</c> answers at once and
/// <c>/health/ready</c> turns healthy only when the rules are compiled (or reports why they are not).
/// </summary>
internal sealed partial class EngineReadiness(IServiceProvider services, ILogger<EngineReadiness> logger) : BackgroundService
{
    private volatile string? _failure = "The decision engine is compiling.";

    /// <summary>Why the service is not ready; <see langword="null"/> once the engine is compiled.</summary>
    public string? Failure => _failure;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(Compile, stoppingToken);

    private void Compile()
    {
        try
        {
            _ = services.GetRequiredService<ISpineDecisionEngine>();
            _failure = null;
            LogReady();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _failure = "The decision engine did not compile: " + exception.GetType().Name;
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision engine compiled: the CDS Hooks service is ready")]
    private partial void LogReady();

    [LoggerMessage(Level = LogLevel.Error, Message = "The decision engine did not compile: the CDS Hooks service is not ready")]
    private partial void LogFailed(Exception exception);
}
