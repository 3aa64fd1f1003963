using Marten;

namespace Engagement.Infrastructure;

/// <summary>
/// PostgreSQL advisory locks held until the session's transaction ends, so that writers take turns on every node. Two-key
/// locks, whose first key names what they guard, so they never meet a one-key lock taken elsewhere.
/// </summary>
public static class TransactionLocks
{
    /// <summary>Retries of one event stream (<see cref="ConcurrencyRetry"/>).</summary>
    public const int StreamRetries = 0x456e6752;

    /// <summary>Changes that may leave one administrator fewer (<see cref="Access.LastAdmin"/>).</summary>
    public const int Administrators = 0x456e6741;

    /// <summary>Starts the session's transaction if need be and waits for the lock, which its commit or rollback frees.</summary>
    public static async Task TakeAsync(IDocumentSession session, int what, int key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?, ?)", ct, what, key);
    }
}
