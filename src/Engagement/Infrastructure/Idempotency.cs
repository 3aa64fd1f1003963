using System.Security.Cryptography;
using System.Text;
using Marten;
using JasperFx;

namespace Engagement.Infrastructure;

/// <summary>The stored outcome of a POST sent with an Idempotency-Key; Status is null while the first attempt runs.</summary>
public sealed record IdempotentRequest(string Id, string RequestHash, DateTimeOffset ReceivedAt, int? Status = null,
    string? ContentType = null, string? Body = null, string? Location = null, string? ETag = null);

/// <summary>
/// A POST carrying <c>Idempotency-Key</c> runs once: a retry with the same key and body gets the original status and
/// body back (with <c>Idempotent-Replayed: true</c>) and appends nothing; the same key with another body is a 422;
/// a retry while the first is still running is a 409. Server errors are not kept, so they can be retried.
/// </summary>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext http, IDocumentStore store, TimeProvider clock)
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

        var id = $"{RecordingContext.RecordedBy(http)}:{key}";
        var hash = await HashAsync(http.Request);
        await using (var session = store.LightweightSession())
        {
            var earlier = await session.LoadAsync<IdempotentRequest>(id, http.RequestAborted);
            if (earlier is not null)
            {
                await Answer(http, earlier, hash);
                return;
            }
            session.Insert(new IdempotentRequest(id, hash, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(http.RequestAborted);
            }
            catch (DocumentAlreadyExistsException)
            {
                await Reject(http, InProgress);
                return;
            }
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        catch
        {
            await ForgetAsync(store, id);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }

        if (http.Response.StatusCode >= 500) await ForgetAsync(store, id);
        else await RememberAsync(store, http, id, hash, captured, clock);
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task Answer(HttpContext http, IdempotentRequest earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            await Reject(http, new Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was used for a request with a different body or route. Use a new key for a new request."));
            return;
        }
        if (earlier.Status is not { } status)
        {
            await Reject(http, InProgress);
            return;
        }
        http.Response.StatusCode = status;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        if (earlier.ETag is not null) http.Response.Headers.ETag = earlier.ETag;
        if (earlier.ContentType is not null) http.Response.ContentType = earlier.ContentType;
        if (earlier.Body is not null) await http.Response.WriteAsync(earlier.Body, http.RequestAborted);
    }

    private static readonly Problem InProgress = new(StatusCodes.Status409Conflict, "Request in progress",
        "A request with this Idempotency-Key is still being handled. Retry in a moment to get its answer.");

    private static Task Reject(HttpContext http, Problem problem)
    {
        http.Response.StatusCode = problem.Status;
        return problem.ToResult().ExecuteAsync(http);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        // RequestBodyLimit has already buffered the body, so it can be read here and again by the endpoint.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            await using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            sha.AppendData(copy.ToArray());
            request.Body.Position = 0;
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task RememberAsync(IDocumentStore store, HttpContext http, string id, string hash, MemoryStream body,
        TimeProvider clock)
    {
        await using var session = store.LightweightSession();
        session.Store(new IdempotentRequest(id, hash, clock.GetUtcNow(), http.Response.StatusCode, http.Response.ContentType,
            Encoding.UTF8.GetString(body.ToArray()), http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
            http.Response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null));
        await session.SaveChangesAsync();
    }

    private static async Task ForgetAsync(IDocumentStore store, string id)
    {
        await using var session = store.LightweightSession();
        session.Delete<IdempotentRequest>(id);
        await session.SaveChangesAsync();
    }
}
