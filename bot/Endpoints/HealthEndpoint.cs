using PartnershipBot.Storage;

namespace PartnershipBot.Endpoints;

/// <summary>GET /healthz: OK while the database answers.</summary>
internal static class HealthEndpoint
{
    public static RouteHandlerBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", (LiteDbStore store) => store.IsHealthy()
            ? Results.Text("OK")
            : Results.Text("The database is not usable.", statusCode: StatusCodes.Status503ServiceUnavailable));
}
