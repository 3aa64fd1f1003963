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
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Changed the database schema: {Sql}", sql);

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failed(ex, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => Failed(ex, message);

    private void Failed(Exception ex, string what)
    {
        if (ConcurrencyRetry.IsLostRace(ex)) logger.LogDebug("Lost a concurrency race ({Reason}); the write runs again", ex.Message);
        else logger.LogError(ex, "Marten encountered an exception executing {Sql}", what);
    }

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
