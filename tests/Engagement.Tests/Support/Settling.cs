using JasperFx;
using JasperFx.Events.Daemon;
using Marten.Events;
using Marten;
using ProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Engagement.Tests.Support;

/// <summary>Waiting for the asynchronous projections and subscriptions of a host, and starting them again after a reset.</summary>
public static class Settling
{
    /// <summary>
    /// Waits until every asynchronous projection and subscription has processed every event, and Wolverine has handled
    /// every message they handed it that is due (a check run now, a message in the outbox), again if those appended new
    /// events meanwhile (a commitment falling overdue), so reads see everything written so far.
    /// </summary>
    public static async Task SettleAsync(this IHost host)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        while (true)
        {
            var before = await LastSequenceAsync(store);
            if (before == 0) return;
            await host.StartPausedShardsAsync();
            try
            {
                await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message} Agents: {await DescribeAgentsAsync(host)}", e);
            }
            await MessagesHandledAsync(store, TimeSpan.FromSeconds(60));
            if (await LastSequenceAsync(store) == before) return;
        }
    }

    /// <summary>
    /// Starts every shard a reset left paused or stopped. A batch in flight when the tables were emptied under it
    /// fails, and the daemon pauses that shard instead of retrying. And pausing the daemons for a reset stops the
    /// agents but not Wolverine's assignment of them: it may start one again while the tables are being emptied,
    /// with the position it had before, and that agent stops for good at its next batch with "progression out of
    /// order" (two writers of one progression row, JasperFx/marten#4904). Either would wait for the next test
    /// forever; started again, the shard reads its position afresh. A shard that halts on a real fault halts again.
    /// (Stopped for another reason, say after a rebuild of an inline projection, it is left alone.) An agent so started
    /// may also still be running, at a position beyond the last event of the emptied store: it would wait for events
    /// that already came. It is stopped and started afresh too, and so is one whose stored progress lies beyond the
    /// last event (<see cref="RewindProgressBeyondAsync"/>).
    /// </summary>
    public static async Task StartPausedShardsAsync(this IHost host)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var last = await LastSequenceAsync(store);
        var rewound = await RewindProgressBeyondAsync(store);
        foreach (var daemon in await host.Services.GetRequiredService<ProjectionCoordinator>().AllDaemonsAsync())
            foreach (var agent in daemon.CurrentAgents().ToList())
            {
                if (agent is { Status: AgentStatus.Running } && (agent.Position > last || rewound.Contains(agent.Name.Identity)))
                {
                    await daemon.StopAgentAsync(agent.Name.Identity);
                    await daemon.StartAgentAsync(agent.Name, CancellationToken.None);
                }
                else if (agent.Status == AgentStatus.Paused ||
                         agent is { Status: AgentStatus.Stopped, Failure.Category: ShardFailureCategory.ProgressionOutOfOrder })
                    await daemon.StartAgentAsync(agent.Name, CancellationToken.None);
            }
    }

    /// <summary>
    /// Waits until Wolverine's durable inbox holds no message that is due and not yet handled, and its outbox none not
    /// yet sent. Scheduled messages (a check due on a later day) are not waited for.
    /// </summary>
    private static async Task MessagesHandledAsync(IDocumentStore store, TimeSpan timeout)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select (select count(*) from {Engagement.Setup.Schema}.wolverine_incoming_envelopes where status = 'Incoming') + " +
            $"(select count(*) from {Engagement.Setup.Schema}.wolverine_outgoing_envelopes)", connection);
        var until = DateTime.UtcNow + timeout;
        long pending;
        while ((pending = (long)(await command.ExecuteScalarAsync())!) > 0)
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Wolverine still holds {pending} messages due and not handled after {timeout}.");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Sets back to the start every shard whose stored progress lies beyond the last event, and names them: no shard can
    /// have processed events the store does not hold, so such a row was written by a batch of the previous test that
    /// committed after the reset had emptied the tables. Left there, the shard (started afresh, it reads that row)
    /// would skip this test's events and a read would find nothing. The row is deleted, not set to 0: a shard at the
    /// start inserts its row with its first batch, and would fail on one already there.
    /// </summary>
    private static async Task<HashSet<string>> RewindProgressBeyondAsync(IDocumentStore store)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        // The last event is read in the statement itself: a row is deleted only when it is beyond the store now.
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var command = new Npgsql.NpgsqlCommand(
            $"delete from {schema}.mt_event_progression where name not like 'HighWater%' " +
            $"and last_seq_id > (select coalesce(max(seq_id), 0) from {schema}.mt_events) returning name", connection);
        var names = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<string> DescribeAgentsAsync(IHost host)
    {
        var daemons = await host.Services.GetRequiredService<ProjectionCoordinator>().AllDaemonsAsync();
        return string.Join("; ", daemons.SelectMany(d => d.CurrentAgents())
            .Select(a => $"{a.Name.Identity} {a.Status} at {a.Position}"));
    }

    private static async Task<long> LastSequenceAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync();
    }
}
