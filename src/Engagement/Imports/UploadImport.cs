using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Imports;

public static class UploadImportEndpoint
{
    /// <summary>
    /// Uploads a CSV file of organisations, people or meetings (kind) and answers its preview: how many rows would be
    /// created, how many match records already there, and every row's errors by row and column. Nothing is recorded
    /// until the import is committed. The body is the file (<c>text/csv</c>), or a <c>multipart/form-data</c> form with
    /// the file as <c>file</c>; at most 16 MiB and 50,000 rows.
    /// </summary>
    [WolverinePost("/api/imports/{kind}", Name = "UploadImport"), Tags("Imports")]
    [ProducesResponseType<ImportAnswer>(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status415UnsupportedMediaType)]
    public static async Task<IResult> Post(string kind, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (CsvFile.KindOf(kind) is not { } importKind)
            return Problem.Invalid("kind", "must be organizations, people or meetings").ToResult();
        var (bytes, fileName, refusal) = await ReadFileAsync(http.Request, ct);
        if (refusal is not null) return refusal.ToResult();
        var (rows, errors) = CsvFile.Read(importKind, bytes!);
        if (errors.Any) return Problem.Invalid(errors).ToResult();

        var plan = ImportPlanner.Decide(importKind, rows, await Recorded.LoadAsync(session, importKind, ct), clock.Today(), Guid.CreateVersion7);
        var id = Guid.CreateVersion7();
        var batch = new ImportBatch(id, importKind, fileName, RecordingContext.RecordedBy(http),
            clock.GetUtcNow(), ImportStatus.Previewed, rows.Count, plan.ToCreate, plan.Matched, [.. plan.Errors.Take(ImportBatch.ErrorsShown)],
            plan.Errors.Count);
        session.Store(batch);
        session.Store(new ImportFile(id, System.Text.Encoding.UTF8.GetString(bytes!)));
        return await Streams.Commit(session, http, StatusCodes.Status201Created, batch.ToAnswer(), $"/api/imports/{id}", ct);
    }

    private static async Task<(byte[]? Bytes, string? FileName, Problem? Refusal)> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        var type = request.ContentType ?? "";
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file) return (null, null, Problem.Invalid("file", "is required: the CSV file as the form's field 'file'"));
            await using var stream = file.OpenReadStream();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return (copy.ToArray(), FileNameOf(file.FileName), null);
        }
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, ct);
            return (copy.ToArray(), null, null);
        }
        return (null, null, new Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            "Send the file as text/csv, or as the field 'file' of a multipart/form-data form."));
    }

    /// <summary>The name shown with the import: the last part of what the browser sent, printable, at most 200 characters.</summary>
    private static string? FileNameOf(string? sent)
    {
        var name = new string(Path.GetFileName(sent ?? "").Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(200).ToArray()).Trim();
        return name.Length == 0 ? null : name;
    }
}
