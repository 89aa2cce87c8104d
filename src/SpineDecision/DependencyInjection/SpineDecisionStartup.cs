using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SpineDecision.DependencyInjection;

/// <summary>
/// Resolves every registered engine when the host starts (their options were validated, and so the engines compiled,
/// just before) and, unless <see cref="SpineDecisionOptions.WarmUpOnStart"/> is off, runs one warm-up evaluation,
/// so the first request pays neither. A failed warm-up is logged, never fatal: the engine itself is sound.
/// </summary>
/// <remarks>Takes the provider alone so that building a provider with <c>ValidateOnBuild</c> and without logging works.</remarks>
internal sealed partial class SpineDecisionStartup(IServiceProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<SpineDecisionOptions>>();
        var logger = provider.GetService<ILogger<SpineDecisionStartup>>() ?? (ILogger)NullLogger.Instance;
        foreach (var registration in provider.GetServices<SpineDecisionRegistration>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var engine = registration.Resolve(provider);
            if (!options.Get(registration.Name).WarmUpOnStart || engine is not SpineDecisionEngine concrete)
            {
                continue;
            }

            try
            {
                concrete.WarmUp();
                LogWarmedUp(logger, registration.Name, engine.Profile);
            }
            catch (SpineDecisionException e)
            {
                LogWarmUpFailed(logger, e, registration.Name);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Warmed up the SpineDecision engine '{Engine}' ('' is the unkeyed one), profile {Profile}")]
    private static partial void LogWarmedUp(ILogger logger, string engine, string profile);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The warm-up evaluation of the SpineDecision engine '{Engine}' failed; the engine is in service, the first request pays the first-call costs")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception, string engine);
}
