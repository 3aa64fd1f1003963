using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Engagement.Tests.Support;

/// <summary>Writing a generated history straight into the event store, for the property tests of the read side.</summary>
public static class GeneratedHistories
{
    /// <summary>
    /// Appends <paramref name="transactions"/> transactions, each the streams and events <paramref name="next"/> gives.
    /// The scheduler appends to the same streams (a commitment falling overdue): a lost race is simply run again.
    /// </summary>
    public static async Task AppendAsync(IDocumentStore store, Func<List<(Guid Stream, bool Starts, object[] Events)>> next, int transactions)
    {
        for (var i = 0; i < transactions; i++)
        {
            var transaction = next();
            for (var attempt = 1; ; attempt++)
            {
                await using var session = store.LightweightSession();
                foreach (var (stream, begins, events) in transaction)
                {
                    if (begins) session.Events.StartStream(stream, events);
                    else session.Events.Append(stream, events);
                }
                try
                {
                    await session.SaveChangesAsync();
                    break;
                }
                catch (JasperFx.Events.EventStreamUnexpectedMaxEventIdException) when (attempt < 5)
                {
                }
            }
        }
    }

    /// <summary>The distinct recording times of the store's events, in recorded order: the moments a knownAt may name.</summary>
    public static async Task<List<DateTimeOffset>> RecordedTimesAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var times = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).Select(e => e.Timestamp).ToListAsync();
        return [.. times.Distinct()];
    }

    /// <summary>
    /// Gives the last event of every stream of two or more a recording time just before the one of the event it follows,
    /// as a transaction that began before another's append to the same stream and committed after it does; then rebuilds
    /// the projections, so that their rows are worked out from those times.
    /// </summary>
    public static async Task RecordLastEventsEarlierAsync(IHost host, params string[] projections)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                $"update {store.Options.Events.DatabaseSchemaName}.mt_events e set timestamp = x.previous - interval '1 millisecond' " +
                "from (select seq_id, lag(timestamp) over (partition by stream_id order by version) as previous, " +
                "row_number() over (partition by stream_id order by version desc) as n " +
                $"from {store.Options.Events.DatabaseSchemaName}.mt_events) x " +
                "where e.seq_id = x.seq_id and x.n = 1 and x.previous is not null", connection);
            Assert.True(await command.ExecuteNonQueryAsync() > 0, "no stream had two events");
        }
        var daemon = host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var name in projections) await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(2), CancellationToken.None);
        await host.SettleAsync();
    }

    public static Task<long> LastSequenceAsync(IQuerySession session) =>
        session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync();
}
