using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Engagement.Infrastructure;

/// <summary>How a sort value is compared, so that a cursor's value is checked before it reaches SQL.</summary>
public enum KeyType { Text, Date, Integer, Number, Uuid }

/// <summary>
/// One way a list may be sorted: the name clients pass in <c>sort</c>, the SQL expression it orders by (never null:
/// coalesce what may be missing), its type and its default direction.
/// </summary>
public sealed record SortKey(string Name, string Sql, KeyType Type, bool Descending = false);

/// <summary>Where a page starts: after the row with this sort value and tie-breaker (both as PostgreSQL writes them as text).</summary>
public sealed record Cursor(string Value, string Tie);

/// <summary>One page asked for: at most <see cref="Limit"/> rows in <see cref="Sort"/> order, after <see cref="After"/>.</summary>
public sealed record PageRequest(int Limit, SortKey Sort, bool Descending, Cursor? After, string Fingerprint)
{
    /// <summary>Whether to count the matching rows; an export reading page after page needs no total.</summary>
    public bool Counted { get; init; } = true;

    public string Order => Descending ? "desc" : "asc";

    /// <summary>The cursor of the page after the one ending with this row.</summary>
    public string CursorAfter(string value, string tie) => Paging.Encode(new CursorText(Sort.Name, Order, Fingerprint, value, tie));
}

/// <summary>One page of rows, the number of rows matching the filters, and the cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, string? NextCursor)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], Total, NextCursor);
}

internal sealed record CursorText(string S, string O, string F, string V, string T);

/// <summary>
/// Keyset pagination shared by every list: <c>limit</c> (1 to 500, default 50), <c>cursor</c> (opaque, from the previous
/// answer's <c>nextCursor</c>), <c>sort</c> (one of the list's sorts; the first is the default) and <c>order</c>
/// (asc or desc). A cursor is bound to the sort, order and filters it was made for: used with others it is refused.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static PageRequest Parse(string? limit, string? cursor, string? sort, string? order, IReadOnlyList<SortKey> sorts,
        string fingerprint, Errors errors, KeyType tie = KeyType.Uuid)
    {
        var take = DefaultLimit;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
            take = DefaultLimit;
        }

        var key = sorts[0];
        if (!string.IsNullOrWhiteSpace(sort))
        {
            var found = sorts.FirstOrDefault(s => string.Equals(s.Name, sort.Trim(), StringComparison.OrdinalIgnoreCase));
            if (found is null) errors.Add("sort", $"must be one of {string.Join(", ", sorts.Select(s => s.Name))}");
            else key = found;
        }

        var descending = key.Descending;
        if (!string.IsNullOrWhiteSpace(order))
        {
            switch (order.Trim().ToLowerInvariant())
            {
                case "asc": descending = false; break;
                case "desc": descending = true; break;
                default: errors.Add("order", "must be asc or desc"); break;
            }
        }

        var request = new PageRequest(take, key, descending, null, fingerprint);
        if (string.IsNullOrEmpty(cursor)) return request;
        if (Decode(cursor) is not { } c || !Valid(c.V, key.Type) || c.T.Length == 0 || !Valid(c.T, tie))
        {
            errors.Add("cursor", "is not a cursor this list gave out; start again without it");
            return request;
        }
        if (c.S != key.Name || c.O != request.Order || c.F != fingerprint)
        {
            errors.Add("cursor", "was made for another sort, order or filter; start again without it");
            return request;
        }
        return request with { After = new Cursor(c.V, c.T) };
    }

    /// <summary>A short digest of the filters a list was asked with, carried in its cursors.</summary>
    public static string Fingerprint(params object?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p switch
        {
            null => "",
            IEnumerable<string> many => string.Join(',', many.Order(StringComparer.Ordinal)),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString()
        }));
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..9]);
    }

    internal static string Encode(CursorText cursor) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(cursor));

    private static CursorText? Decode(string cursor)
    {
        try
        {
            if (cursor.Length > 1000) return null;
            var c = JsonSerializer.Deserialize<CursorText>(Base64Url.DecodeFromChars(cursor));
            return c is { S: not null, O: not null, F: not null, V: not null, T: not null } ? c : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool Valid(string value, KeyType type) => value.Length <= 1000 && !new Errors().Optional("v", value, 1000).Any && type switch
    {
        KeyType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        KeyType.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        KeyType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
        KeyType.Uuid => Guid.TryParse(value, out _),
        _ => true
    };

    public static string SqlType(KeyType type) => type switch
    {
        KeyType.Date => "date",
        KeyType.Integer => "bigint",
        KeyType.Number => "float8",
        KeyType.Uuid => "uuid",
        _ => "text"
    };
}

/// <summary>The answer of a list with nothing but its rows: <c>{ items, total, limit, nextCursor }</c>.</summary>
public sealed record ListAnswer<T>(IReadOnlyList<T> Items, int Total, int Limit, string? NextCursor)
{
    public static ListAnswer<T> Of(Page<T> page, PageRequest request) => new(page.Items, page.Total, request.Limit, page.NextCursor);
}
