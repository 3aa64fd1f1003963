using System.Text;
using CsvHelper;
using Engagement.Infrastructure;

namespace Engagement.Imports;

/// <summary>A column of an import file: its header, whether the header must be there, and what it holds.</summary>
public sealed record ImportColumn(string Name, bool Required, string Description);

/// <summary>One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by column.</summary>
public sealed record CsvRow(int Row, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var value) ? value : null;
}

public static class CsvFile
{
    public const int MaxRows = 50_000;
    /// <summary>Separates the organisations, participants and topics of a meeting within one cell.</summary>
    public const char ListSeparator = ';';

    public static readonly IReadOnlyDictionary<ImportKind, ImportColumn[]> Columns = new Dictionary<ImportKind, ImportColumn[]>
    {
        [ImportKind.Organizations] =
        [
            new("externalId", false, "your own id for the organisation (from the system you export from); matched on re-import"),
            new("name", true, "required, at most 200 characters"),
            new("kind", true, "government, member, chamber or other"),
            new("country", false, "at most 100 characters"),
            new("website", false, "an absolute http or https URL")
        ],
        [ImportKind.People] =
        [
            new("externalId", false, "your own id for the person; matched on re-import"),
            new("name", true, "required, at most 200 characters"),
            new("title", false, "the post they hold, at most 300 characters"),
            new("organization", true, "the name of an organisation already registered (or imported)"),
            new("organizationExternalId", false, "instead of organization: the externalId the organisation was imported with"),
            new("since", false, "in this post since, yyyy-mm-dd, not after today; empty for today")
        ],
        [ImportKind.Meetings] =
        [
            new("externalId", false, "your own id for the meeting; matched on re-import"),
            new("title", true, "required, at most 300 characters"),
            new("heldOn", true, "yyyy-mm-dd, not after today"),
            new("location", false, "at most 300 characters"),
            new("organizations", true, "names of registered organisations, separated by ; (at least one)"),
            new("participants", false, "names of registered people at those organisations, separated by ;"),
            new("topics", false, "separated by ; (at most 20, each at most 100 characters)"),
            new("summary", false, "at most 20,000 characters"),
            new("sourceUrl", false, "an absolute http or https URL")
        ]
    };

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        TrimWhitespace = true,
        MalformedData = CsvMalformedDataHandling.Throw
    };

    /// <summary>A file with only the header of the kind, to fill in.</summary>
    public static byte[] Template(ImportKind kind) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(',', Columns[kind].Select(c => c.Name)) + "\r\n")];

    /// <summary>
    /// The rows of an uploaded file, or the reasons it cannot be read at all, keyed by <c>file</c> or by the column at
    /// fault (a required column missing, a column the kind does not have, a column named twice).
    /// </summary>
    public static (IReadOnlyList<CsvRow> Rows, Errors Errors) Read(ImportKind kind, byte[] bytes)
    {
        var errors = new Errors();
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ([], errors.Add("file", "must be UTF-8 text (save the spreadsheet as \"CSV UTF-8\")"));
        }
        var known = Columns[kind];
        var rows = new List<CsvRow>();
        try
        {
            using var csv = CsvReader.Create(bytes, Options);
            var headers = csv.Headers.Select(h => h.Trim()).ToList();
            if (headers.Count == 0 || headers.All(h => h.Length == 0))
                return ([], errors.Add("file", $"is empty: the first row must name the columns ({string.Join(", ", known.Select(c => c.Name))})"));
            var index = new Dictionary<string, int>();
            for (var i = 0; i < headers.Count; i++)
            {
                var column = known.FirstOrDefault(c => string.Equals(c.Name, headers[i], StringComparison.OrdinalIgnoreCase));
                if (column is null) errors.Add(headers[i].Length == 0 ? "file" : headers[i],
                    $"is not a column of a {Noun(kind)} import; the columns are {string.Join(", ", known.Select(c => c.Name))}");
                else if (!index.TryAdd(column.Name, i)) errors.Add(column.Name, "is named twice in the header");
            }
            foreach (var missing in known.Where(c => c.Required && !index.ContainsKey(c.Name)))
                if (!(kind == ImportKind.People && missing.Name == "organization" && index.ContainsKey("organizationExternalId")))
                    errors.Add(missing.Name, "is a required column");
            if (errors.Any) return ([], errors);

            while (csv.Read())
            {
                if (rows.Count == MaxRows) return ([], errors.Add("file", $"must have at most {MaxRows} rows; split it"));
                var cells = new Dictionary<string, string?>();
                foreach (var (name, i) in index)
                    cells[name] = i < csv.FieldCount && csv.GetString(i) is { Length: > 0 } value ? value : null;
                rows.Add(new CsvRow((int)csv.RowNumber + 1, cells));
            }
        }
        catch (CsvFormatException e)
        {
            return ([], errors.Add("file", $"is not valid CSV: {e.Message}"));
        }
        if (rows.Count == 0) errors.Add("file", "has no rows under the header");
        return (rows, errors);
    }

    public static string Noun(ImportKind kind) => kind switch
    {
        ImportKind.Organizations => "organisations",
        ImportKind.People => "people",
        _ => "meetings"
    };

    public static string Slug(ImportKind kind) => kind.ToString().ToLowerInvariant();

    public static ImportKind? KindOf(string? text) =>
        Enum.GetValues<ImportKind>().Cast<ImportKind?>().FirstOrDefault(k => Slug(k!.Value) == text);
}
