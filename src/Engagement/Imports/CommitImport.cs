using Engagement.Infrastructure;
using JasperFx;
using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine;
using Wolverine.Http;

namespace Engagement.Imports;

/// <summary>Carries out the commit of an import, in the background.</summary>
public sealed record CommitImport(Guid ImportId);

public static class CommitImportEndpoint
{
    /// <summary>
    /// Records the rows of a previewed import (202); <c>GET /api/imports/{id}</c> follows its progress. The file is checked
    /// again against what is recorded by then. A file with row errors is refused (409): correct it and upload it again.
    /// </summary>
    [WolverinePost("/api/imports/{id}/commit", Name = "CommitImport"), Tags("Imports")]
    [ProducesResponseType<ImportAnswer>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(Guid id, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        CancellationToken ct)
    {
        if (await session.LoadAsync<ImportBatch>(id, ct) is not { } batch) return Problem.NotFound("import", id).ToResult();
        if (Decide(batch) is { } refusal) return refusal.ToResult();
        var committing = batch with
        {
            Status = ImportStatus.Committing, CommittedBy = RecordingContext.RecordedBy(http), CorrelationId = RecordingContext.CorrelationId(http),
            CommittedAt = clock.GetUtcNow(), Processed = 0, Failure = null
        };
        session.Store(committing);
        await bus.PublishAsync(new CommitImport(id));
        return await Streams.Commit(session, http, StatusCodes.Status202Accepted, committing.ToAnswer(), $"/api/imports/{id}", ct);
    }

    public static Problem? Decide(ImportBatch batch) => batch switch
    {
        { Status: ImportStatus.Committing } => Problem.Conflict("The import is being committed already."),
        { Status: ImportStatus.Committed } => Problem.Conflict("The import was committed already; upload the file again to import it again."),
        { ErrorCount: > 0 } => Problem.Conflict($"{batch.ErrorCount} cells of the file have errors; nothing was recorded. Correct the file and upload it again."),
        _ => null
    };
}

/// <summary>
/// All or nothing: the rows are written in one PostgreSQL transaction, a few hundred streams per step, while the
/// progress is saved apart from it so that the page can follow it. One import commits at a time (an advisory lock), so
/// two uploads of one file cannot both create its rows.
/// </summary>
public static class CommitImportHandler
{
    private const int RowsPerStep = 500;
    private const long ImportLock = 0x496d706f7274; // "Import"

    public static async Task Handle(CommitImport message, IDocumentStore store, TimeProvider clock, ILogger<ImportBatch> logger,
        CancellationToken ct)
    {
        try
        {
            await CommitAsync(message.ImportId, store, clock, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import {ImportId} failed; nothing of it was recorded", message.ImportId);
            await UpdateAsync(store, message.ImportId, b => b with
            {
                Status = ImportStatus.Failed, CompletedAt = clock.GetUtcNow(), Processed = 0,
                Failure = "The import failed and nothing of it was recorded; commit it again."
            }, CancellationToken.None);
        }
    }

    private static async Task CommitAsync(Guid id, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", ImportLock);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using var reading = store.LightweightSession(SessionOptions.ForTransaction(transaction));
        if (await reading.LoadAsync<ImportBatch>(id, ct) is not { Status: ImportStatus.Committing } batch) return;
        var file = await reading.LoadAsync<ImportFile>(id, ct);
        var (rows, fileErrors) = CsvFile.Read(batch.Kind, System.Text.Encoding.UTF8.GetBytes(file?.Csv ?? ""));
        var plan = fileErrors.Any
            ? new Plan([], [new RowError(1, "file", fileErrors.ToDictionary().SelectMany(e => e.Value).ToList())])
            : ImportPlanner.Decide(batch.Kind, rows, await Recorded.LoadAsync(reading, batch.Kind, ct), clock.Today(), Guid.CreateVersion7);
        if (plan.Errors.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            // Something recorded since the preview (or a changed day) makes rows invalid now: show them, as a preview does.
            await UpdateAsync(store, id, b => b with
            {
                Status = ImportStatus.Failed, CompletedAt = clock.GetUtcNow(), Errors = [.. plan.Errors.Take(ImportBatch.ErrorsShown)],
                ErrorCount = plan.Errors.Count, ToCreate = plan.ToCreate, Matched = plan.Matched,
                Failure = "Rows have errors now; nothing was recorded. Correct the file and upload it again."
            }, ct);
            return;
        }

        var processed = 0;
        foreach (var step in plan.Rows.Chunk(RowsPerStep))
        {
            await using var writing = store.LightweightSession(SessionOptions.ForTransaction(transaction));
            writing.CorrelationId = batch.CorrelationId;
            writing.SetHeader(HistoryEndpoints.RecordedByHeader, batch.CommittedBy ?? batch.UploadedBy);
            foreach (var row in step)
            {
                if (row.Creates) writing.Events.StartStream(row.Aggregate!, row.StreamId, row.Event!);
                if (row.ExternalKey is { } key) writing.Store(new ImportedRecord(key, row.StreamId, id));
            }
            await writing.SaveChangesAsync(ct);
            processed += step.Length;
            var done = processed;
            await UpdateAsync(store, id, b => b with { Processed = done }, ct);
        }

        await using (var finishing = store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            finishing.Store(batch with
            {
                Status = ImportStatus.Committed, Processed = processed, Created = plan.ToCreate, ToCreate = plan.ToCreate,
                Matched = plan.Matched, CompletedAt = clock.GetUtcNow()
            });
            await finishing.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task UpdateAsync(IDocumentStore store, Guid id, Func<ImportBatch, ImportBatch> change, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ImportBatch>(id, ct) is not { } batch) return;
        session.Store(change(batch));
        await session.SaveChangesAsync(ct);
    }
}
