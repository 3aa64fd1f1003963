using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace Engagement.Infrastructure;

/// <summary>
/// A write sent without If-Match asks for the change whatever the version, so losing an optimistic-concurrency race to
/// another writer is not the caller's 409: the endpoint runs again from the start, in a new session, so it loads the
/// state afresh and decides again (and may now refuse, say because the suggestion was resolved meanwhile). At most
/// <see cref="Attempts"/> runs, a random pause before each retry. With If-Match the lost race stays the caller's 412.
/// Runs inside <see cref="Idempotency"/>, whose record commits with the run that succeeds, or records its refusal.
/// Every write route has it: an endpoint that does all its writing in one SaveChanges can simply run again.
/// </summary>
public sealed class ConcurrencyRetry(RequestDelegate next, ILogger<ConcurrencyRetry> logger)
{
    public const int Attempts = 5;

    public async Task InvokeAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || http.Request.Headers.IfMatch.Count > 0)
        {
            await next(http);
            return;
        }

        var status = http.Response.StatusCode;
        var headers = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(http);
                return;
            }
            catch (Exception e) when (IsLostRace(e) && attempt < Attempts && !http.Response.HasStarted)
            {
                logger.LogDebug("Lost a concurrency race on {Method} {Path} (attempt {Attempt}); running it again",
                    method, http.Request.Path, attempt);
                Reset(http, status, headers);
                // Writers that collided once would collide again in step without a random pause.
                await Task.Delay(Random.Shared.Next(1, 10 << attempt), http.RequestAborted);
            }
        }
    }

    private const string EventVersionKey = "pk_mt_events_stream_and_version";
    private const string StreamVersionMismatch = "MT003";

    /// <summary>
    /// A lost race: another writer appended to the stream (or changed the document) after this request read it, as
    /// Marten reports it or as PostgreSQL refuses the second append at the same version (the key of the events table,
    /// or the version check of Marten's append function); or PostgreSQL chose this transaction as a deadlock's victim.
    /// Either way the transaction rolled back whole. Also when wrapped (Marten logs a failed command as its own
    /// exception around PostgreSQL's).
    /// </summary>
    public static bool IsLostRace(Exception e) =>
        e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException ||
        e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } or
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EventVersionKey } or
            PostgresException { SqlState: StreamVersionMismatch } ||
        e.InnerException is { } inner && IsLostRace(inner);

    /// <summary>
    /// Writes to one stream without If-Match take turns, on every node: each waits for a transaction-scoped advisory lock
    /// on the stream before it reads, so they do not race at all. (When only retries took turns, writers that kept coming
    /// made a retry lose to fresh first attempts again and again: under 32 clients without pause some ran out of
    /// attempts and answered 409.) A race is still possible with a writer that takes no turn (the overdue check, a write
    /// with If-Match), and is retried. Not a row lock: an append inserts its events before it updates the stream's row,
    /// and would deadlock with a writer holding that row.
    /// </summary>
    public static Task TakeTurnAsync(IDocumentSession session, Guid stream, CancellationToken ct) =>
        TransactionLocks.TakeAsync(session, TransactionLocks.StreamRetries, stream.GetHashCode(), ct);

    /// <summary>Back to the request and response as the endpoint first saw them: nothing it set or wrote stays.</summary>
    private static void Reset(HttpContext http, int status, Dictionary<string, StringValues> headers)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.Clear();
        foreach (var (name, value) in headers) http.Response.Headers[name] = value;
        if (http.Response.Body.CanSeek) http.Response.Body.SetLength(0);
        if (http.Request.Body.CanSeek) http.Request.Body.Position = 0;
    }
}
