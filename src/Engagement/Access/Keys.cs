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
        Streams.SetETag(http, 1);
        return await Streams.Commit(session, http, StatusCodes.Status201Created,
            new IssuedKey(id, command.Name.Trim(), command.Role.Value, key, ApiKeys.Shown(key), 1), $"/api/keys/{id}", ct);
    }

}

public static class ListKeysEndpoint
{
    public static readonly SortKey[] Sorts =
    [
        new("name", "lower(d.data ->> 'name')", KeyType.Text),
        new("issuedAt", "d.data ->> 'issuedAt' collate \"C\"", KeyType.Text, Descending: true)
    ];

    /// <summary>By name (then id), or newest first with <c>sort=issuedAt</c>.</summary>
    [WolverineGet("/api/keys", Name = "ListKeys"), Tags("Access")]
    [ProducesResponseType<ListAnswer<KeyView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? limit, string? cursor, string? sort, string? order, IQuerySession session,
        CancellationToken ct)
    {
        var errors = new Errors();
        var page = Paging.Parse(limit, cursor, sort, order, Sorts, Paging.Fingerprint("keys"), errors);
        if (errors.Any) return ReadModels.QueryProblem.From(errors);

        var serializer = session.DocumentStore.Options.Serializer();
        var keys = await SqlList.Table<ApiKey>(session).PageAsync(session, "d.data", page, r => serializer.FromJson<ApiKey>(r, 0), ct);
        var usage = (await session.LoadManyAsync<ApiKeyUsage>(ct, keys.Items.Select(k => k.Id))).ToDictionary(u => u.Id, u => u.LastUsedAt);
        return Results.Ok(ListAnswer<KeyView>.Of(keys.Map(k => new KeyView(k.Id, k.Name, k.Role, k.Prefix, k.IssuedAt, k.RevokedAt,
            usage.TryGetValue(k.Id, out var used) ? used : null)), page));
    }
}

public static class RevokeKeyEndpoint
{
    public static Decision Decide(ApiKey key, RevokeKey command, int otherAdministrators)
    {
        if (!key.IsActive) return Decision.Conflict("The key is already revoked.");
        if (key.Role == Role.Admin && otherAdministrators == 0)
            return Decision.Conflict("This is the last active admin key: without it nobody could issue or revoke keys. " +
                "Issue another admin key first (POST /api/keys with role admin), then revoke this one.");
        return Decision.Accept(new ApiKeyRevoked(key.Id, command.Reason?.Trim()));
    }

    /// <summary>Revokes at once: the next request with this key is refused. The last active admin key cannot be revoked.</summary>
    [WolverineDelete("/api/keys/{id}", Name = "RevokeKey"), Tags("Access")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Revoke(Guid id, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        Streams.Append<ApiKey>(session, http, id, "API key", async key =>
        {
            if (key is { Role: Role.Admin, IsActive: true }) await LastAdmin.TakeTurnAsync(session, ct);
            return Decide(key, new RevokeKey(http.Request.Query["reason"]), await Administrators.OthersThanAsync(session, key.Id, ct));
        }, ct);
}

public static class Administrators
{
    /// <summary>
    /// The active principals with the admin role besides <paramref name="keyId"/>: while there is one, revoking this
    /// key leaves the service administrable.
    /// </summary>
    public static Task<int> OthersThanAsync(IQuerySession session, Guid keyId, CancellationToken ct) =>
        session.Query<ApiKey>().CountAsync(k => k.Role == Role.Admin && k.RevokedAt == null && k.Id != keyId, ct);
}
