using System.Globalization;
using CsvHelper;

namespace Engagement.Infrastructure;

/// <summary>One column of an export: its header and how a row's value is read.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// A list as a spreadsheet (<c>format=csv</c>): every matching row, read page by page in the list's order and streamed,
/// UTF-8 with a byte order mark (so spreadsheet programs read accents right), dates yyyy-mm-dd, values as the JSON
/// answer writes them.
/// </summary>
public static class CsvExport
{
    private const int PageSize = Paging.MaxLimit;

    // A cell starting with =, +, - or @ is escaped, so a spreadsheet never runs text someone typed as a formula.
    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    /// <summary>Reads <c>format</c>: json (the default) or csv.</summary>
    public static bool Wanted(string? format, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(format)) return false;
        switch (format.Trim().ToLowerInvariant())
        {
            case "csv": return true;
            case "json": return false;
            default:
                errors.Add("format", "must be json or csv");
                return false;
        }
    }

    public static IResult Result<T>(HttpContext http, string register, DateOnly asOf, PageRequest first,
        Func<PageRequest, CancellationToken, Task<(Page<T> Page, Cursor? Next)>> pageOf, IReadOnlyList<CsvColumn<T>> columns)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{register}-{asOf:yyyy-MM-dd}.csv\"";
        return Results.Stream(async body =>
        {
            var ct = http.RequestAborted;
            var redact = await http.RequestServices.GetRequiredService<IRowRedaction>().ForAsync<T>(http);
            await using var csv = CsvWriter.Create(body, Options, leaveOpen: true);
            await csv.WriteRecordAsync([.. columns.Select(c => c.Header)], ct);
            var request = first with { Limit = PageSize, After = null, Counted = false };
            while (true)
            {
                var (page, next) = await pageOf(request, ct);
                foreach (var row in page.Items.Select(redact)) await csv.WriteRecordAsync([.. columns.Select(c => Text(c.Value(row)))], ct);
                if (next is null) break;
                request = request with { After = next };
            }
            await csv.FlushAsync(ct);
        }, "text/csv; charset=utf-8");
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Enum e => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> many => string.Join("; ", many),
        _ => value.ToString() ?? ""
    };
}
