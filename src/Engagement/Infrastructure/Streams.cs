using Marten;
using JasperFx.Events;

namespace Engagement.Infrastructure;

/// <summary>The answer to every write: the stream and the version it is at now (also sent as the ETag).</summary>
public sealed record Written(Guid Id, long Version);

public static class Streams
{
    /// <summary>
    /// Starts a new stream after the preconditions held; the version is the number of events it starts with.
    /// </summary>
    public static Task<IResult> Start<T>(IDocumentSession session, HttpContext http, string location, Guid id,
        IReadOnlyList<object> events, CancellationToken ct) where T : class
    {
        session.Events.StartStream<T>(id, events.ToArray());
        SetETag(http, events.Count);
        return Commit(session, http, StatusCodes.Status201Created, new Written(id, events.Count), location, ct);
    }

    /// <summary>
    /// Saves the session's changes and answers <paramref name="value"/> (201 and 202 with <paramref name="location"/>).
    /// The answer is known before the commit, so a request with an Idempotency-Key stores it in the same transaction.
    /// </summary>
    public static async Task<IResult> Commit(IDocumentSession session, HttpContext http, int status, object value, string? location,
        CancellationToken ct)
    {
        Idempotency.Expect(http, status, value, location);
        await session.SaveChangesAsync(ct);
        return status switch
        {
            StatusCodes.Status201Created => Results.Created(location, value),
            StatusCodes.Status202Accepted => Results.Accepted(location, value),
            _ => Results.Json(value, statusCode: status)
        };
    }

    /// <summary>
    /// Loads the stream's current state, honours If-Match, asks <paramref name="decide"/> what to append and appends
    /// it, all or nothing. Rejections append nothing.
    /// </summary>
    public static async Task<IResult> Append<T>(IDocumentSession session, HttpContext http, Guid id, string what,
        Func<T, Decision> decide, CancellationToken ct) where T : class
        => await Append<T>(session, http, id, what, state => Task.FromResult(decide(state)), ct);

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

        await ConcurrencyRetry.TakeTurnAsync(session, id, ct);
        return await AppendOnce(session, http, id, what, decide, () => session.Events.FetchForWriting<T>(id, ct), ct);
    }

    private static async Task<IResult> AppendOnce<T>(IDocumentSession session, HttpContext http, Guid id, string what,
        Func<T, Task<Decision>> decide, Func<Task<IEventStream<T>>> fetch, CancellationToken ct) where T : class
    {
        var stream = await fetch();
        if (stream.Aggregate is null) return Problem.NotFound(what, id).ToResult();

        var decision = await decide(stream.Aggregate);
        if (decision.Rejection is { } problem) return problem.ToResult();

        stream.AppendMany(decision.Events.ToArray());
        var version = (stream.StartingVersion ?? 0) + decision.Events.Count;
        SetETag(http, version);
        return await Commit(session, http, StatusCodes.Status200OK, new Written(id, version), null, ct);
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
