using Marten;
using JasperFx.Events;

namespace Engagement.Infrastructure;

/// <summary>The answer to every write: the stream and the version it is at now (also sent as the ETag).</summary>
public sealed record Written(Guid Id, long Version);

public static class Streams
{
    private static IResult Created(HttpContext http, string location, Guid id, long version)
    {
        SetETag(http, version);
        return Results.Created(location, new Written(id, version));
    }

    /// <summary>
    /// Starts a new stream after the preconditions held; the version is the number of events it starts with.
    /// </summary>
    public static async Task<IResult> Start<T>(IDocumentSession session, HttpContext http, string location, Guid id,
        IReadOnlyList<object> events, CancellationToken ct) where T : class
    {
        session.Events.StartStream<T>(id, events.ToArray());
        await session.SaveChangesAsync(ct);
        return Created(http, location, id, events.Count);
    }

    /// <summary>
    /// Loads the stream's current state, honours If-Match, asks <paramref name="decide"/> what to append and appends
    /// it, all or nothing. Rejections append nothing.
    /// </summary>
    public static async Task<IResult> Append<T>(IDocumentSession session, HttpContext http, Guid id, string what,
        Func<T, Decision> decide, CancellationToken ct) where T : class
        => await Append<T>(session, http, id, what, state => Task.FromResult(decide(state)), ct);

    /// <remarks>
    /// Without If-Match the caller asked for the write whatever the version, so losing a race to another writer is
    /// not a 409: the request loads, decides and appends again. Retries of one stream take turns within this process,
    /// so that fifty writers at once make about fifty appends rather than a storm; across processes the random pause
    /// between attempts does the same. With If-Match a lost race stays the caller's 412.
    /// </remarks>
    public static async Task<IResult> Append<T>(IDocumentSession session, HttpContext http, Guid id, string what,
        Func<T, Task<Decision>> decide, CancellationToken ct) where T : class
    {
        if (!IfMatch.TryParse(http.Request, out var expected)) return IfMatch.Malformed.ToResult();
        // Marten refuses the empty GUID as a stream id with an exception; no stream ever has it.
        if (id == Guid.Empty) return Problem.NotFound(what, id).ToResult();
        if (expected is { } version)
        {
            // A version for a stream that is not there (or is another kind of record) is a 404, not a lost race (412).
            var state = await session.Events.FetchStreamStateAsync(id, ct);
            if (state is null || state.AggregateType != typeof(T)) return Problem.NotFound(what, id).ToResult();
            // Marten checks the version when fetching and again when saving, so a race still fails (412).
            return await AppendOnce(session, http, id, what, decide, () => session.Events.FetchForWriting<T>(id, version, ct), ct);
        }

        try
        {
            return await AppendOnce(session, http, id, what, decide, () => session.Events.FetchForWriting<T>(id, ct), ct);
        }
        catch (Exception e) when (IsLostRace(e))
        {
            session.EjectAllPendingChanges();
        }

        var turn = RetryTurns[(id.GetHashCode() & int.MaxValue) % RetryTurns.Length];
        await turn.WaitAsync(ct);
        try
        {
            for (var attempt = 2; ; attempt++)
            {
                try
                {
                    return await AppendOnce(session, http, id, what, decide, () => session.Events.FetchForWriting<T>(id, ct), ct);
                }
                catch (Exception e) when (IsLostRace(e) && attempt < RetryAttempts)
                {
                    session.EjectAllPendingChanges();
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(10 * attempt, 200))), ct);
                }
            }
        }
        finally
        {
            turn.Release();
        }
    }

    private const int RetryAttempts = 30;

    /// <summary>Striped by stream id, so memory stays fixed; two streams sharing a stripe only queue their retries.</summary>
    private static readonly SemaphoreSlim[] RetryTurns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private static bool IsLostRace(Exception e) => e is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException;

    private static async Task<IResult> AppendOnce<T>(IDocumentSession session, HttpContext http, Guid id, string what,
        Func<T, Task<Decision>> decide, Func<Task<IEventStream<T>>> fetch, CancellationToken ct) where T : class
    {
        var stream = await fetch();
        if (stream.Aggregate is null) return Problem.NotFound(what, id).ToResult();

        var decision = await decide(stream.Aggregate);
        if (decision.Rejection is { } problem) return problem.ToResult();

        stream.AppendMany(decision.Events.ToArray());
        await session.SaveChangesAsync(ct);
        var version = (stream.StartingVersion ?? 0) + decision.Events.Count;
        SetETag(http, version);
        return Results.Ok(new Written(id, version));
    }

    public static void SetETag(HttpContext http, long version) => http.Response.Headers.ETag = $"\"{version}\"";
}

/// <summary><c>If-Match: "7"</c> asks that the write apply only to version 7 of the stream.</summary>
public static class IfMatch
{
    public static readonly Problem Malformed = new(StatusCodes.Status400BadRequest, "Malformed If-Match header",
        "If-Match must be the quoted stream version from a previous ETag, for example \"3\".");

    public static bool TryParse(HttpRequest request, out long? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return true;
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        if (!long.TryParse(value, System.Globalization.NumberStyles.None, null, out var v) || v < 1) return false;
        version = v;
        return true;
    }
}
