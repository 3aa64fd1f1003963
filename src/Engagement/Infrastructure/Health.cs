using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Infrastructure;

public sealed record Readiness(string Status, long Events, long Streams);

public sealed record Liveness(string Status);

public static class HealthEndpoints
{
    /// <summary>Ready once the database answers and the event store's schema is in place.</summary>
    [WolverineGet("/health/ready", Name = "Ready"), Tags("Health")]
    [ProducesResponseType<Readiness>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public static async Task<IResult> Ready(IDocumentStore store, CancellationToken ct)
    {
        try
        {
            var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
            return Results.Ok(new Readiness("ready", stats.EventCount, stats.StreamCount));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
                detail: $"The database is not reachable or its schema is missing: {e.Message}");
        }
    }

    [WolverineGet("/health/live", Name = "Live"), Tags("Health")]
    public static Liveness Live() => new("live");
}
