using Marten;
using Marten.Services;
using Npgsql;

namespace Engagement.Infrastructure;

/// <summary>
/// Marten's log: a failed command is an error, as with Marten's own logger, except a lost concurrency race. That one
/// is routine (<see cref="ConcurrencyRetry"/> runs the write again, and anyone with a key can cause it by writing to one
/// item from many clients at once), so it is one line at Debug, not an error with a stack trace per collision.
/// Parameter values are never logged: they are the records' own text.
/// </summary>
public sealed class StoreLog(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    private const string EventVersionKey = "pk_mt_events_stream_and_version";
    private const string StreamVersionMismatch = "MT003";

    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Changed the database schema: {Sql}", sql);

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failed(ex, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => Failed(ex, message);

    private void Failed(Exception ex, string what)
    {
        if (IsLostRace(ex)) logger.LogDebug("Lost a concurrency race ({Reason}); the write runs again", ex.Message);
        else logger.LogError(ex, "Marten encountered an exception executing {Sql}", what);
    }

    /// <summary>
    /// Two appends to one stream at the same version, as PostgreSQL refuses the second (the key of the events table, or
    /// the version check of Marten's append function), or as Marten reports it; also when wrapped (Marten logs a failed
    /// command as its own exception around PostgreSQL's).
    /// </summary>
    public static bool IsLostRace(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EventVersionKey } or
            PostgresException { SqlState: StreamVersionMismatch } ||
        ConcurrencyRetry.IsLostRace(ex) || ex.InnerException is { } inner && IsLostRace(inner);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }
}
