using Engagement.Access.Users;
using Engagement.Infrastructure;
using Marten;

namespace Engagement.Access;

/// <summary>
/// Someone must always be able to administer the service: the last active administrator, counting keys and users
/// together, may not be revoked, deactivated or demoted.
/// </summary>
public static class LastAdmin
{
    public static readonly Problem Refusal = Problem.Conflict(
        "This is the last active administrator (keys and users together); make another key or user an administrator first.");

    /// <summary>
    /// Changes that may leave one administrator fewer take turns, on every node: each holds a transaction-scoped lock from
    /// before it counts the others until it commits, so two of them cannot each count on the other and both go ahead.
    /// </summary>
    public static async Task TakeTurnAsync(IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?, ?)", ct, LockClass, 1);
    }

    /// <summary>The first key of the two-key advisory lock, so that it never meets a one-key lock taken elsewhere.</summary>
    private const int LockClass = 0x456e6741;

    /// <summary>True when no active administrator other than <paramref name="id"/> (a key's or a user's) would remain.</summary>
    public static async Task<bool> IsLastAfterTurnAsync(IDocumentSession session, Guid id, CancellationToken ct)
    {
        await TakeTurnAsync(session, ct);
        return await IsLastAsync(session, id, ct);
    }

    public static async Task<bool> IsLastAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        !await session.Query<ApiKey>().AnyAsync(k => k.Role == Role.Admin && k.RevokedAt == null && k.Id != id, ct)
        && !await session.Query<User>().AnyAsync(u => u.Role == Role.Admin && u.HasPassword && !u.Deactivated && u.Id != id, ct);
}
