using Marten;

namespace Engagement.Infrastructure;

/// <summary>Records kept for a while only (idempotency answers, the webhook delivery log): deletes those past their age.</summary>
public interface IPrunable
{
    string What { get; }

    /// <summary>Queues the deletions in <paramref name="session"/> and says how many records go.</summary>
    Task<int> PruneAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// Prunes every <see cref="IPrunable"/> soon after start and then every <c>Retention:IntervalMinutes</c> (default 60).
/// Every node may run it: deleting what is past its age twice is harmless.
/// </summary>
public sealed class Retention(IEnumerable<IPrunable> prunables, IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<Retention> logger) : BackgroundService
{
    public async Task PruneAsync(CancellationToken ct)
    {
        foreach (var prunable in prunables)
        {
            await using var session = store.LightweightSession();
            var count = await prunable.PruneAsync(session, clock.GetUtcNow(), ct);
            await session.SaveChangesAsync(ct);
            if (count > 0) logger.LogInformation("Pruned {Count} {What} past their retention", count, prunable.What);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Retention:IntervalMinutes", 60.0));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PruneAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Pruning failed; trying again in {Interval}", interval);
                }
                await Task.Delay(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class RetentionSetup
{
    public static void AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IdempotencySettings>(builder.Configuration.GetSection(IdempotencySettings.Section));
        builder.Services.AddSingleton<IPrunable, IdempotencyRetention>();
        builder.Services.AddSingleton<Retention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Retention>());
    }
}
