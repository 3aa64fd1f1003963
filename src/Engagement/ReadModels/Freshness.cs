using JasperFx.Events.Projections;
using Marten;

namespace Engagement.ReadModels;

/// <summary>
/// How far an asynchronous read model has got: the last event sequence it has processed, the daemon's high water mark
/// (the sequence up to which every event is committed) and the last sequence recorded. Read before the data, so the
/// data is at least this fresh.
/// </summary>
public sealed record Freshness(string Projection, long ProcessedSequence, long HighWaterMark, long LastEventSequence)
{
    public long EventsBehind => Math.Max(0, LastEventSequence - ProcessedSequence);

    public static async Task<Freshness> OfAsync(IQuerySession session, string projection, CancellationToken ct)
    {
        var advanced = session.DocumentStore.Advanced;
        var processed = await advanced.ProjectionProgressFor(new ShardName(projection), token: ct);
        var highWater = await advanced.ProjectionProgressFor(ShardName.HighWaterMarkFor(), token: ct);
        var last = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Select(e => e.Sequence)
            .FirstOrDefaultAsync(ct);
        return new Freshness(projection, processed, highWater, last);
    }
}
