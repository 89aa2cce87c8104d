using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpineDecision.CdsHooks.Security;

namespace SpineDecision.CdsHooks.Feedback;

/// <summary>Wires the feedback store and the <c>POST /cds-services/{id}/feedback</c> endpoint.</summary>
internal static partial class CdsFeedbackStorage
{
    /// <summary>Registers the store (also the <see cref="ICardIssueLog"/>) and creates its schema at start-up.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CdsFeedbackStore>();
        services.TryAddSingleton<ICardIssueLog>(provider => provider.GetRequiredService<CdsFeedbackStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CdsHooksOptions>, FeedbackOptionsValidator>());
        services.AddHostedService<FeedbackSchemaInitializer>();
    }

    /// <summary>Maps the feedback endpoint on the group.</summary>
    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var feedback = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<CdsHooksOptions>>().Value.Feedback;
        group.MapPost("/{id}/feedback", PostAsync)
            .WithMetadata(new CdsHooksTrust.RequestSizeLimit(feedback.MaxRequestBodySize))
            .WithName("CdsHooksFeedback");
    }

    private static async Task<IResult> PostAsync(string id, HttpContext context, CdsFeedbackStore store, IOptions<CdsHooksOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(CdsFeedbackStorage));
        var feedbackOptions = options.Value.Feedback;
        var body = await ReadBodyAsync(context.Request, feedbackOptions.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var (entries, error) = FeedbackReader.Read(body.Value, feedbackOptions.MaxEntries);
        if (error is not null)
        {
            LogRejected(logger, id, error.Path);
            return Problem(error);
        }

        var client = context.User.FindFirst(CdsHooksAuthenticationHandler.IssuerClaim)?.Value;
        var unknown = await store.SaveAsync(id, client, entries!, context.RequestAborted).ConfigureAwait(false);
        if (unknown is { } index)
        {
            var unknownCard = new FeedbackError($"$.feedback[{index}].card", $"not a card this service issued for '{id}'; nothing in this request was stored.");
            LogRejected(logger, id, unknownCard.Path);
            return Problem(unknownCard);
        }

        foreach (var entry in entries!)
        {
            CdsHooksTelemetry.RecordFeedback(id, entry.Outcome);
        }

        LogStored(logger, entries!.Count, id);
        return Results.Ok();
    }

    private static IResult Problem(FeedbackError error) => Results.Problem(
        title: "Invalid feedback",
        detail: $"{error.Path}: {error.Message}",
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["path"] = error.Path });

    /// <summary>The body, or <see langword="null"/> when it is larger than <paramref name="limit"/> (whatever the server's own limit).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(4096);
                var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenMemory;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} feedback entries for service {ServiceId}")]
    private static partial void LogStored(ILogger logger, int count, string serviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused feedback for service {ServiceId} (400 at {Path})")]
    private static partial void LogRejected(ILogger logger, string serviceId, string path);

    private sealed class FeedbackSchemaInitializer(CdsFeedbackStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
