using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Engagement.Infrastructure;

/// <summary>
/// Health:MaxProjectionLagEvents and Health:MaxProjectionLagSeconds: an asynchronous projection or subscription further
/// behind than either (events not yet processed, or the oldest of them recorded that long ago) makes the service not ready.
/// </summary>
public sealed class HealthSettings
{
    public long MaxProjectionLagEvents { get; set; } = 10_000;
    public double MaxProjectionLagSeconds { get; set; } = 60;
}

/// <summary>
/// ASP.NET Core health checks: /health/live checks the process alone (no database), /health/ready the database, the
/// event store's schema and how far the asynchronous read models lag. Anonymous callers see only the status; an
/// administrator also sees each check's findings.
/// </summary>
public static class HealthEndpoints
{
    private const string Live = "live";
    private const string Ready = "ready";

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HealthSettings>(builder.Configuration.GetSection("Health"));
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process is running."), tags: [Live])
            .AddCheck<EventStoreCheck>("event-store", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ProjectionLagCheck>("projections", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
    }

    /// <summary>Ready once the database answers, the event store's schema is in place and no read model lags beyond its bound.</summary>
    [WolverineGet("/health/ready", Name = "Ready"), Tags("Health")]
    [ProducesResponseType<HealthAnswer>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public static Task<IResult> GetReady(HealthCheckService health, HttpContext http, CancellationToken ct) =>
        Answer(health, http, Ready, "ready", "Not ready",
            "The database is unreachable, its schema is missing, or a read model has fallen behind. Retry later.", ct);

    /// <summary>Live while the process runs; needs no database.</summary>
    [WolverineGet("/health/live", Name = "Live"), Tags("Health")]
    [ProducesResponseType<HealthAnswer>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public static Task<IResult> GetLive(HealthCheckService health, HttpContext http, CancellationToken ct) =>
        Answer(health, http, Live, "live", "Not live", "The process is not healthy.", ct);

    private static async Task<IResult> Answer(HealthCheckService health, HttpContext http, string tag, string healthy,
        string title, string detail, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(tag), ct);
        var checks = http.User.IsInRole("admin")
            ? report.Entries.ToDictionary(e => e.Key, e => new CheckFindings(
                e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description ?? e.Value.Exception?.Message, e.Value.Data))
            : null;
        if (report.Status == HealthStatus.Healthy) return Results.Ok(new HealthAnswer(healthy, checks));

        http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = new Problem(StatusCodes.Status503ServiceUnavailable, title, detail).ToProblemDetails();
        if (checks is not null) problem.Extensions["checks"] = checks;
        return Results.Problem(problem);
    }
}

public sealed record HealthAnswer(
    string Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, CheckFindings>? Checks);

public sealed record CheckFindings(string Status, string? Description, IReadOnlyDictionary<string, object> Data);

/// <summary>The database answers and the event store's tables are there.</summary>
public sealed class EventStoreCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
            return HealthCheckResult.Healthy("The database answers and the event store's schema is in place.",
                new Dictionary<string, object> { ["events"] = stats.EventCount, ["streams"] = stats.StreamCount });
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database is unreachable or its schema is missing: {e.Message}", e);
        }
    }
}

/// <summary>
/// Each asynchronous projection and subscription against the last event recorded: behind by more than
/// <see cref="HealthSettings.MaxProjectionLagEvents"/> events, or with its oldest unprocessed event older than
/// <see cref="HealthSettings.MaxProjectionLagSeconds"/>, it is paused or stalled. Ages are measured by the database's clock,
/// which also stamped the events.
/// </summary>
public sealed class ProjectionLagCheck(IDocumentStore store, IOptions<HealthSettings> settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var bounds = settings.Value;
        try
        {
            await using var session = store.QuerySession();
            var last = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Select(e => e.Sequence)
                .FirstOrDefaultAsync(ct);
            var progress = (await store.Advanced.AllProjectionProgress(token: ct)).ToDictionary(s => s.ShardName, s => s.Sequence);
            // Every shard the store runs, also one that has never recorded progress (its daemon never started).
            var shards = ((DocumentStore)store).Options.Projections.AllShards().Select(s => s.Name.Identity).Distinct();
            var lag = new Dictionary<string, object>();
            var stalled = new List<string>();
            foreach (var shard in shards)
            {
                var processed = progress.GetValueOrDefault(shard);
                var behind = Math.Max(0, last - processed);
                lag[shard] = behind;
                if (behind == 0) continue;
                var age = await OldestUnprocessedAgeSeconds(session, processed, ct);
                if (behind > bounds.MaxProjectionLagEvents || age > bounds.MaxProjectionLagSeconds)
                    stalled.Add($"{shard} ({behind} events behind, the oldest recorded {age:0} s ago)");
            }
            return stalled.Count == 0
                ? HealthCheckResult.Healthy("Every asynchronous read model is within its lag bound.", lag)
                : HealthCheckResult.Unhealthy($"Paused or stalled: {string.Join(", ", stalled)}. Bounds: " +
                                              $"{bounds.MaxProjectionLagEvents} events, {bounds.MaxProjectionLagSeconds} s.", data: lag);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The progress of the read models could not be read: {e.Message}", e);
        }
    }

    private async Task<double> OldestUnprocessedAgeSeconds(IQuerySession session, long processed, CancellationToken ct)
    {
        var ages = await session.QueryAsync<double>(
            $"select extract(epoch from now() - timestamp)::float8 from {store.Options.Events.DatabaseSchemaName}.mt_events " +
            "where seq_id > ? order by seq_id limit 1", ct, processed);
        return ages.Count > 0 ? ages[0] : 0;
    }
}
