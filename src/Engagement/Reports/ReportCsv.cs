using System.Globalization;
using CsvHelper;

namespace Engagement.Reports;

/// <summary>
/// A report as a spreadsheet: UTF-8 with a byte order mark, a header row, dates yyyy-mm-dd, several values in one cell
/// joined by "; ", and text that looks like a formula escaped, as the registers' exports do.
/// </summary>
public static class ReportCsv
{
    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    public static IResult Result<T>(HttpContext http, string name, IReadOnlyList<string> headers, IEnumerable<T> rows,
        Func<T, IEnumerable<object?>> cells)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        return Results.Stream(async body =>
        {
            var ct = http.RequestAborted;
            var redact = await http.RequestServices.GetRequiredService<Infrastructure.IRowRedaction>().ForAsync<T>(http);
            await using var csv = CsvWriter.Create(body, Options, leaveOpen: true);
            await csv.WriteRecordAsync([.. headers], ct);
            foreach (var row in rows.Select(redact)) await csv.WriteRecordAsync([.. cells(row).Select(Text)], ct);
            await csv.FlushAsync(ct);
        }, "text/csv; charset=utf-8");
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> many => string.Join("; ", many),
        _ => value.ToString() ?? ""
    };
}
