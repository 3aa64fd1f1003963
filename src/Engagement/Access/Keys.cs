using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Access;

public sealed record IssueKey([Required] string? Name, [Required] Role? Role);

public sealed record IssuedKey(Guid Id, string Name, Role Role, string Key, string Prefix, long Version);

public sealed record KeyView(Guid Id, string Name, Role Role, string Prefix, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);

public sealed record RevokeKey(string? Reason);

public static class IssueKeyEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(IssueKey command, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors()
            .Required("name", command.Name, Limits.Name)
            .When(command.Role is null, "role", "is required: viewer, staff, admin or integration");
        // Only a name that passed the checks goes to the database: PostgreSQL refuses a NUL character with an error.
        if (!errors.Any && command.Name is { } name && await session.Query<ApiKey>().AnyAsync(k => k.Name == name.Trim() && k.RevokedAt == null, ct))
            errors.Add("name", "an active key already has this name; keys are named after who uses them");
        return errors.ToProblemDetails();
    }

    /// <summary>The key is in this answer only: it is stored as a hash.</summary>
    [WolverinePost("/api/keys", Name = "IssueKey"), Tags("Access")]
    [ProducesResponseType<IssuedKey>(StatusCodes.Status201Created)]
    public static async Task<IResult> Issue(IssueKey command, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var key = ApiKeys.NewSecret();
        session.Events.StartStream<ApiKey>(id, new ApiKeyIssued(id, command.Name!.Trim(), command.Role!.Value, ApiKeys.Hash(key), ApiKeys.Shown(key)));
        await session.SaveChangesAsync(ct);
        Streams.SetETag(http, 1);
        return Results.Created($"/api/keys/{id}", new IssuedKey(id, command.Name.Trim(), command.Role.Value, key, ApiKeys.Shown(key), 1));
    }

}

public static class ListKeysEndpoint
{
    [WolverineGet("/api/keys", Name = "ListKeys"), Tags("Access")]
    public static async Task<IReadOnlyList<KeyView>> List(IQuerySession session, CancellationToken ct)
    {
        var keys = await session.Query<ApiKey>().OrderBy(k => k.Name).ToListAsync(ct);
        var usage = (await session.LoadManyAsync<ApiKeyUsage>(ct, keys.Select(k => k.Id))).ToDictionary(u => u.Id, u => u.LastUsedAt);
        return [.. keys.Select(k => new KeyView(k.Id, k.Name, k.Role, k.Prefix, k.IssuedAt, k.RevokedAt,
            usage.TryGetValue(k.Id, out var used) ? used : null))];
    }

}

public static class RevokeKeyEndpoint
{
    public static Decision Decide(ApiKey key, RevokeKey command) => key.IsActive
        ? Decision.Accept(new ApiKeyRevoked(key.Id, command.Reason?.Trim()))
        : Decision.Conflict("The key is already revoked.");

    /// <summary>Revokes at once: the next request with this key is refused.</summary>
    [WolverineDelete("/api/keys/{id}", Name = "RevokeKey"), Tags("Access")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Revoke(Guid id, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        Streams.Append<ApiKey>(session, http, id, "API key", key => Decide(key, new RevokeKey(http.Request.Query["reason"])), ct);
}
