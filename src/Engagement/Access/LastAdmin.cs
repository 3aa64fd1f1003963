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

    /// <summary>True when no active administrator other than <paramref name="id"/> (a key's or a user's) would remain.</summary>
    public static async Task<bool> IsLastAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        !await session.Query<ApiKey>().AnyAsync(k => k.Role == Role.Admin && k.RevokedAt == null && k.Id != id, ct)
        && !await session.Query<User>().AnyAsync(u => u.Role == Role.Admin && u.HasPassword && !u.Deactivated && u.Id != id, ct);
}
