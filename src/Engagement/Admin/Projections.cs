using System.Collections.Concurrent;
using Engagement.Infrastructure;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Admin;

public enum ReadModelKind { Projection, Subscription }

public enum ReadModelStatus { Running, Paused, Stopped, Rebuilding }

public sealed record ReadModelView(string Name, ReadModelKind Kind, long ProcessedSequence, long HighWaterMark, long EventsBehind,
    ReadModelStatus Status);

public sealed record ReadModelList(IReadOnlyList<ReadModelView> Items);

public sealed record RebuildStarted(string Name, ReadModelStatus Status);

/// <summary>The rebuilds started from the admin pages, one at a time per projection, run in the background.</summary>
public sealed class ProjectionRebuilds(IProjectionCoordinator coordinator, IHostApplicationLifetime lifetime, ILogger<ProjectionRebuilds> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, Task> _running = new();

    public bool IsRebuilding(string name) => _running.ContainsKey(name);

    public bool TryStart(string name, bool runsAsync)
    {
        var started = new TaskCompletionSource();
        if (!_running.TryAdd(name, started.Task)) return false;
        _ = Task.Run(async () =>
        {
            try
            {
                var daemon = coordinator.DaemonForMainDatabase();
                await daemon.RebuildProjectionAsync(name, Timeout, lifetime.ApplicationStopping);
                // The rebuild leaves the projection's agent stopped; it goes on from where the rebuild ended.
                if (runsAsync && !daemon.CurrentAgents().Any(a => a.Name.Name == name && a.Status == JasperFx.AgentStatus.Running))
                    await daemon.StartAgentAsync(new ShardName(name).Identity, lifetime.ApplicationStopping);
                logger.LogInformation("Rebuilt the projection {Projection}", name);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Rebuilding the projection {Projection} failed", name);
            }
            finally
            {
                _running.TryRemove(name, out _);
                started.SetResult();
            }
        });
        return true;
    }
}

public static class ProjectionsEndpoint
{
    /// <summary>
    /// Every read model: the projections (inline ones are written with the events, so never behind) and the subscriptions
    /// (webhook fan-out), with how far each has got and what this node's daemon is doing with it.
    /// </summary>
    [WolverineGet("/api/admin/projections", Name = "ListProjections"), Tags("Admin")]
    [ProducesResponseType<ReadModelList>(StatusCodes.Status200OK)]
    public static async Task<ReadModelList> List(IDocumentStore store, IProjectionCoordinator coordinator, ProjectionRebuilds rebuilds,
        CancellationToken ct)
    {
        var progress = (await store.Advanced.AllProjectionProgress(token: ct)).ToDictionary(p => p.ShardName, p => p.Sequence);
        await using var session = store.QuerySession();
        var last = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(ct);
        var highWater = progress.GetValueOrDefault(ShardName.HighWaterMarkFor().Identity, last);
        var daemon = coordinator.DaemonForMainDatabase();
        var agents = daemon.CurrentAgents().ToDictionary(a => a.Name.Identity, a => a);

        var items = new List<ReadModelView>();
        foreach (var projection in ((DocumentStore)store).Options.Projections.All)
        {
            var inline = projection.Lifecycle != ProjectionLifecycle.Async;
            var shard = new ShardName(projection.Name).Identity;
            var processed = inline ? last : agents.TryGetValue(shard, out var agent) ? agent.Position : progress.GetValueOrDefault(shard);
            items.Add(new ReadModelView(projection.Name, ReadModelKind.Projection, processed, highWater, Math.Max(0, last - processed),
                rebuilds.IsRebuilding(projection.Name) || daemon.IsRebuilding(new ShardName(projection.Name)) ? ReadModelStatus.Rebuilding
                : inline ? ReadModelStatus.Running : StatusOf(agents.GetValueOrDefault(shard))));
        }
        var projections = items.Select(i => new ShardName(i.Name).Identity).ToHashSet();
        foreach (var (shard, sequence) in progress.Where(p => !projections.Contains(p.Key) && p.Key != ShardName.HighWaterMarkFor().Identity))
        {
            var processed = agents.TryGetValue(shard, out var agent) ? agent.Position : sequence;
            items.Add(new ReadModelView(shard.Split(':')[0], ReadModelKind.Subscription, processed, highWater, Math.Max(0, last - processed),
                StatusOf(agent)));
        }
        return new ReadModelList([.. items.OrderBy(i => i.Kind).ThenBy(i => i.Name, StringComparer.Ordinal)]);
    }

    private static ReadModelStatus StatusOf(ISubscriptionAgent? agent) => agent?.Status switch
    {
        JasperFx.AgentStatus.Running => ReadModelStatus.Running,
        JasperFx.AgentStatus.Paused => ReadModelStatus.Paused,
        _ => ReadModelStatus.Stopped
    };

    /// <summary>Rebuilds one projection from the events in the background; the list shows it rebuilding until it is done.</summary>
    [WolverinePost("/api/admin/projections/{name}/rebuild", Name = "RebuildProjection"), Tags("Admin")]
    [ProducesResponseType<RebuildStarted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Rebuild(string name, IDocumentStore store, ProjectionRebuilds rebuilds, CancellationToken ct)
    {
        var projection = ((DocumentStore)store).Options.Projections.All.FirstOrDefault(p => p.Name == name);
        if (projection is null)
        {
            var subscription = (await store.Advanced.AllProjectionProgress(token: ct)).Any(p => p.ShardName.Split(':')[0] == name);
            return (subscription
                ? Problem.Conflict($"'{name}' is a subscription: what it did (webhook deliveries) is not rebuilt; replay a webhook instead.")
                : new Problem(StatusCodes.Status404NotFound, "Not found", $"No projection named '{name}'; GET /api/admin/projections lists them.")).ToResult();
        }
        if (!rebuilds.TryStart(projection.Name, projection.Lifecycle == ProjectionLifecycle.Async)) return Problem.Conflict($"The projection '{name}' is already being rebuilt.").ToResult();
        return Results.Json(new RebuildStarted(projection.Name, ReadModelStatus.Rebuilding), statusCode: StatusCodes.Status202Accepted);
    }
}

public static class AdminConfiguration
{
    public static void AddAdmin(this WebApplicationBuilder builder) => builder.Services.AddSingleton<ProjectionRebuilds>();
}
