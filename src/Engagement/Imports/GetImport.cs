using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Imports;

public static class GetImportEndpoints
{
    /// <summary>An import: its preview, and while it commits how many rows are written (<c>processed</c> of <c>rows</c>).</summary>
    [WolverineGet("/api/imports/{id}", Name = "GetImport"), Tags("Imports")]
    [ProducesResponseType<ImportAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ImportBatch>(id, ct) is { } batch ? Results.Ok(batch.ToAnswer()) : Problem.NotFound("import", id).ToResult();

    /// <summary>The columns of each kind of file, in the order of its template, with what each may hold.</summary>
    [WolverineGet("/api/imports/columns", Name = "ImportColumns"), Tags("Imports")]
    public static ImportColumns Columns() => new(CsvFile.Columns[ImportKind.Organizations], CsvFile.Columns[ImportKind.People],
        CsvFile.Columns[ImportKind.Meetings]);

    /// <summary>An empty file of the kind to fill in: the header row, UTF-8 with a byte order mark.</summary>
    [WolverineGet("/api/imports/templates/{kind}", Name = "ImportTemplate"), Tags("Imports")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    public static IResult Template(string kind, HttpContext http)
    {
        if (CsvFile.KindOf(kind) is not { } importKind)
            return new Problem(StatusCodes.Status404NotFound, "Not found", "The kinds are organizations, people and meetings.").ToResult();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{kind}-import-template.csv\"";
        return Results.File(CsvFile.Template(importKind), "text/csv; charset=utf-8");
    }
}

public sealed record ImportColumns(IReadOnlyList<ImportColumn> Organizations, IReadOnlyList<ImportColumn> People, IReadOnlyList<ImportColumn> Meetings);
