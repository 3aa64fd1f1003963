using Marten;

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

    public static Task<long> LastSequenceAsync(IQuerySession session) =>
        session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync();
}
