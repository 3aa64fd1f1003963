using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure;

/// <summary>
/// The stored outcome of a POST sent with an Idempotency-Key. A write's record is saved in the transaction of the
/// write itself, with the answer it gives (<c>Committed</c>); an answer that wrote nothing (a 400, a 409) is saved after
/// it was sent. <c>Body</c> is encrypted (it may hold a key or a webhook secret shown once).
/// </summary>
public sealed record IdempotentRequest(string Id, string RequestHash, DateTimeOffset ReceivedAt, int? Status = null,
    string? ContentType = null, string? Body = null, string? Location = null, string? ETag = null, bool Committed = false,
    bool Protected = false);

/// <summary>
/// A POST carrying <c>Idempotency-Key</c> runs once: a retry with the same key and body gets the original status and
/// body back (with <c>Idempotent-Replayed: true</c>) and appends nothing; the same key with another body is a 422.
/// The record of a write commits with the write's events or not at all, so after a crash a retry either gets the
/// original answer (the write happened) or carries the write out (it did not). Two requests with one key at once: the
/// second to commit fails as a whole and answers with the first one's answer. Server errors are not kept.
/// </summary>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext http, IDocumentStore store, TimeProvider clock, IDataProtectionProvider protection,
        IOptions<IdempotencySettings> settings)
    {
        var key = http.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0)
        {
            await next(http);
            return;
        }
        if (key.Length > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await Reject(http, new Problem(StatusCodes.Status400BadRequest, "Malformed Idempotency-Key",
                $"Idempotency-Key must be 1 to {MaxKeyLength} printable ASCII characters, for example a UUID."));
            return;
        }

        var protector = protection.CreateProtector(Purpose);
        var now = clock.GetUtcNow();
        var scope = new IdempotencyScope($"{RecordingContext.RecordedBy(http)}:{key}", await HashAsync(http.Request), now, protector);
        var earlier = await LoadAsync(store, scope.Id, http.RequestAborted);
        if (earlier is not null && (earlier is { Status: null, Committed: false } || earlier.ReceivedAt < now - settings.Value.Retention))
        {
            // A first attempt of the old kind that never finished, or a record past its retention: neither stands.
            await DeleteAsync(store, scope.Id);
            earlier = null;
        }
        if (earlier is not null)
        {
            await Answer(http, earlier, scope.RequestHash, protector);
            return;
        }

        http.Items[typeof(IdempotencyScope)] = scope;
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        catch (DocumentAlreadyExistsException) when (!scope.Committed)
        {
            // Another request with this key committed first; this one rolled back whole.
            if (await LoadAsync(store, scope.Id, CancellationToken.None) is not { } first) throw;
            http.Response.Body = original;
            http.Response.Clear();
            await Answer(http, first, scope.RequestHash, protector);
            return;
        }
        finally
        {
            http.Response.Body = original;
        }

        if (scope.Committed && !scope.Answered)
            await SaveAsync(store, scope.Record(Captured(http, captured)), insert: false);
        else if (!scope.Committed && http.Response.StatusCode < 500)
            await SaveAsync(store, scope.Record(Captured(http, captured)), insert: true);
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private const string Purpose = "Engagement.Idempotency.v1";

    private static async Task<IdempotentRequest?> LoadAsync(IDocumentStore store, string id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<IdempotentRequest>(id, ct);
    }

    private static async Task Answer(HttpContext http, IdempotentRequest earlier, string hash, IDataProtector protector)
    {
        if (earlier.RequestHash != hash)
        {
            await Reject(http, new Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was used for a request with a different body or route. Use a new key for a new request."));
            return;
        }
        if (earlier.Status is not { } status)
        {
            await Reject(http, new Problem(StatusCodes.Status409Conflict, "Request already carried out",
                "The request with this Idempotency-Key was recorded, but its answer was not kept. Read the record to see the " +
                "outcome; do not send the request again with a new key."));
            return;
        }
        http.Response.StatusCode = status;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        if (earlier.ETag is not null) http.Response.Headers.ETag = earlier.ETag;
        if (earlier.ContentType is not null) http.Response.ContentType = earlier.ContentType;
        if (earlier.Body is { } body)
            await http.Response.WriteAsync(earlier.Protected ? protector.Unprotect(body) : body, http.RequestAborted);
    }

    private static Task Reject(HttpContext http, Problem problem)
    {
        http.Response.StatusCode = problem.Status;
        return problem.ToResult().ExecuteAsync(http);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        // RequestBodyLimit has already buffered the body, so it can be read here and again by the endpoint.
        await using var copy = new MemoryStream();
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            await request.Body.CopyToAsync(copy);
            request.Body.Position = 0;
        }
        return RequestHash(request.Method, $"{request.Path}{request.QueryString}", copy.ToArray());
    }

    /// <summary>What makes a retry the same request: method, path with query, and body.</summary>
    public static string RequestHash(string method, string target, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method} {target}\n"));
        sha.AppendData(body);
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static IdempotencyScope.Reply Captured(HttpContext http, MemoryStream body) => new(http.Response.StatusCode,
        http.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()), NonEmpty(http.Response.Headers.Location),
        NonEmpty(http.Response.Headers.ETag));

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } s ? s : null;

    private static async Task SaveAsync(IDocumentStore store, IdempotentRequest record, bool insert)
    {
        await using var session = store.LightweightSession();
        if (insert) session.Insert(record);
        else session.Store(record);
        try
        {
            await session.SaveChangesAsync();
        }
        catch (DocumentAlreadyExistsException)
        {
            // A request with the same key that wrote something got there first; its record is the one that counts.
        }
    }

    private static async Task DeleteAsync(IDocumentStore store, string id)
    {
        await using var session = store.LightweightSession();
        session.Delete<IdempotentRequest>(id);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// The answer a write is about to give, told before it commits so that its record carries it; see
    /// <see cref="Streams.Commit"/>.
    /// </summary>
    public static void Expect(HttpContext http, int status, object value, string? location)
    {
        if (http.Items[typeof(IdempotencyScope)] is not IdempotencyScope scope) return;
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        scope.Expected = new IdempotencyScope.Reply(status, "application/json; charset=utf-8",
            JsonSerializer.Serialize(value, value.GetType(), json), location, NonEmpty(http.Response.Headers.ETag));
    }
}

/// <summary>
/// Wolverine middleware on POST routes: enlists the idempotency record in the endpoint's own session, so it commits
/// with the first SaveChanges that writes anything, or not at all.
/// </summary>
public static class IdempotencyEnlistment
{
    public static void Before(HttpContext http, IDocumentSession session)
    {
        if (http.Items[typeof(IdempotencyScope)] is IdempotencyScope scope) session.Listeners.Add(scope);
    }
}

/// <summary>One request with an Idempotency-Key, while it runs.</summary>
internal sealed class IdempotencyScope(string id, string requestHash, DateTimeOffset receivedAt, IDataProtector protector)
    : DocumentSessionListenerBase
{
    public sealed record Reply(int Status, string? ContentType, string Body, string? Location, string? ETag);

    public string Id => id;
    public string RequestHash => requestHash;
    public Reply? Expected { get; set; }
    public bool Committed { get; private set; }
    public bool Answered => Committed && Expected is not null;

    public IdempotentRequest Record(Reply? reply) => reply is null
        ? new IdempotentRequest(id, requestHash, receivedAt, Committed: true)
        : new IdempotentRequest(id, requestHash, receivedAt, reply.Status, reply.ContentType, protector.Protect(reply.Body),
            reply.Location, reply.ETag, Committed, Protected: true);

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        // Insert, not Store: a request with the same key that committed first makes this whole transaction fail.
        if (!Committed) session.Insert(Record(Expected) with { Committed = true });
        return Task.CompletedTask;
    }

    public override Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token)
    {
        Committed = true;
        return Task.CompletedTask;
    }
}

public sealed class IdempotencySettings
{
    public const string Section = "Idempotency";

    /// <summary>How long a key's answer is kept; a key sent again after that is a new request.</summary>
    public int RetentionHours { get; set; } = 24;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}

/// <summary>Deletes idempotency records past their retention.</summary>
public sealed class IdempotencyRetention(IOptions<IdempotencySettings> settings) : IPrunable
{
    public string What => "idempotency records";

    public async Task<int> PruneAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - settings.Value.Retention;
        var count = await session.Query<IdempotentRequest>().CountAsync(r => r.ReceivedAt < cutoff, ct);
        session.DeleteWhere<IdempotentRequest>(r => r.ReceivedAt < cutoff);
        return count;
    }
}
