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
    public static Task TakeTurnAsync(IDocumentSession session, CancellationToken ct) =>
        TransactionLocks.TakeAsync(session, TransactionLocks.Administrators, 1, ct);

    public static async Task<bool> IsLastAfterTurnAsync(IDocumentSession session, Guid id, CancellationToken ct)
    {
        await TakeTurnAsync(session, ct);
        return await IsLastAsync(session, id, ct);
    }

    private static async Task<bool> IsLastAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        !await session.Query<ApiKey>().AnyAsync(k => k.Role == Role.Admin && k.RevokedAt == null && k.Id != id, ct)
        && !await session.Query<User>().AnyAsync(u => u.Role == Role.Admin && u.HasPassword && !u.Deactivated && u.Id != id, ct);
}
