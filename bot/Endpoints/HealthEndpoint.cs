using PartnershipBot.Storage;

namespace PartnershipBot.Endpoints;

/// <summary>GET /healthz: "OK" and the backend with its schema version while the database answers; 503 otherwise.</summary>
internal static class HealthEndpoint
{
    public static RouteHandlerBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (IStorageHealth storage, CancellationToken cancellationToken) =>
        {
            var health = await storage.CheckAsync(cancellationToken);
            return health.Reachable
                ? Results.Text($"OK (database: {health.Provider}, schema {health.SchemaVersion})")
                : Results.Text($"The database is not usable ({health.Provider}: {health.Problem})",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
        });
}
