using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpineDecision.CdsHooks.Protocol;
using SpineDecision.CdsHooks.Services;

namespace SpineDecision.CdsHooks.Handling;

/// <summary>Discovery (<c>GET /cds-services</c>) and the hook calls (<c>POST /cds-services/{id}</c>), both from the catalogue.</summary>
internal static class CdsHooksEndpoints
{
    private static readonly CdsDiscoveryResponse Discovery = new(
        [.. CdsServiceCatalogue.Services.Select(s => new CdsServiceDescriptor(s.Hook, s.Title, s.Description, s.Id, CdsServiceCatalogue.Prefetch))]);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", () => Results.Json(Discovery, CdsHooksJsonContext.Default.CdsDiscoveryResponse));
        group.MapPost("{id}", CallAsync);
    }

    private static async Task<IResult> CallAsync(string id, HttpRequest request, CdsHookHandler handler, CancellationToken cancellationToken)
    {
        if (CdsServiceCatalogue.Find(id) is not { } service)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown CDS service",
                detail: $"no service '{id}'; GET /cds-services lists {string.Join(", ", CdsServiceCatalogue.Services.Select(s => s.Id))}");
        }

        using var activity = CdsHooksTelemetry.StartCall(service.Id, service.Hook);
        var started = Stopwatch.GetTimestamp();
        var (result, status, cards) = await AnswerAsync(service, request, handler, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(CdsHooksTelemetry.StatusTag, status);
        CdsHooksTelemetry.RecordCall(service.Id, status, Stopwatch.GetElapsedTime(started), cards?.Select(c => c.Indicator) ?? []);
        return result;
    }

    private static async Task<(IResult Result, int Status, IReadOnlyList<CdsCard>? Cards)> AnswerAsync(CdsServiceDefinition service, HttpRequest request, CdsHookHandler handler, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await handler.HandleAsync(service, body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken).ConfigureAwait(false);
            return (Results.Json(response, CdsHooksJsonContext.Default.CdsResponse), StatusCodes.Status200OK, response.Cards);
        }
        catch (CdsRequestException e)
        {
            return (Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed CDS Hooks request", detail: e.Message), StatusCodes.Status400BadRequest, null);
        }
        catch (PrefetchUnavailableException e)
        {
            return (Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Patient data unavailable", detail: e.Message), StatusCodes.Status412PreconditionFailed, null);
        }
    }
}
