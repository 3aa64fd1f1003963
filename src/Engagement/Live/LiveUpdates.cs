using System.Collections.Concurrent;
using System.Threading.Channels;
using Marten;

namespace Engagement.Live;

/// <summary>
/// The listeners of GET /api/live. Each has a channel holding only the newest sequence, so a slow listener never holds
/// back the others or the poller.
/// </summary>
public sealed class LiveUpdates
{
    private readonly ConcurrentDictionary<Guid, Channel<long>> _listeners = new();

    public bool HasListeners => !_listeners.IsEmpty;

    public (Guid Id, ChannelReader<long> Reader) Listen()
    {
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _listeners[id] = channel;
        return (id, channel.Reader);
    }

    public void Leave(Guid id)
    {
        if (_listeners.TryRemove(id, out var channel)) channel.Writer.TryComplete();
    }

    public void Broadcast(long sequence)
    {
        foreach (var channel in _listeners.Values) channel.Writer.TryWrite(sequence);
    }
}

/// <summary>
/// One query for every listener, about every Live:PollMilliseconds (default 500): the last event's sequence and how far
/// the slowest asynchronous read model has got. Either moving is news: a new event, or read models that now show it.
/// </summary>
public sealed class LivePoller(IDocumentStore store, LiveUpdates updates, IConfiguration configuration, ILogger<LivePoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var sql = $"select coalesce((select max(seq_id) from {schema}.mt_events), 0), " +
                  $"coalesce((select min(last_seq_id) from {schema}.mt_event_progression where name like '%:%'), 0)";
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(configuration.GetValue("Live:PollMilliseconds", 500)));
        (long Last, long Progress)? seen = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!updates.HasListeners) continue;
            try
            {
                await using var connection = store.Storage.Database.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                await using var command = new Npgsql.NpgsqlCommand(sql, connection);
                await using var row = await command.ExecuteReaderAsync(stoppingToken);
                await row.ReadAsync(stoppingToken);
                var now = (row.GetInt64(0), row.GetInt64(1));
                if (seen is { } before && before != now) updates.Broadcast(now.Item1);
                seen = now;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting; listeners keep their streams and hear of what happened once it answers.
                logger.LogWarning(e, "Could not read the event store's position for live updates");
            }
        }
    }
}
