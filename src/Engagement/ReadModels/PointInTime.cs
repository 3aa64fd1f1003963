using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Infrastructure;

namespace Engagement.ReadModels;

/// <summary>
/// The moment a read answers for. <see cref="AsOf"/> is the business day (the end of it); <see cref="KnownAt"/>, when
/// given, keeps only what had been recorded by then. Without either the answer comes from the live read models.
/// </summary>
public sealed record PointInTime(DateOnly AsOf, DateTimeOffset? KnownAt, bool IsLive)
{
    public static PointInTime Live(DateOnly today) => new(today, null, true);
}

public static partial class PointInTimeQuery
{
    /// <summary>
    /// Reads <c>asOf</c> (yyyy-mm-dd, not after today) and <c>knownAt</c> (an ISO 8601 timestamp; without an offset it
    /// is taken as UTC); what is wrong goes into <paramref name="errors"/>.
    /// </summary>
    public static PointInTime Parse(string? asOf, string? knownAt, DateOnly today, Errors errors)
    {
        DateOnly? day = null;
        if (asOf is not null)
        {
            if (Dates.TryParse(asOf, out var d))
            {
                day = d;
                errors.NotInFuture("asOf", d, today);
            }
            else errors.Add("asOf", "must be a date written yyyy-mm-dd");
        }

        DateTimeOffset? known = null;
        if (knownAt is not null)
        {
            // An unescaped '+' in a query string arrives as a space.
            var text = knownAt.Trim().Replace(' ', '+');
            if (Timestamp().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var k))
                known = k;
            else errors.Add("knownAt", "must be an ISO 8601 timestamp, for example 2026-11-24T09:30:00Z");
        }

        return day is null && known is null ? PointInTime.Live(today) : new PointInTime(day ?? today, known, false);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex Timestamp();
}

public static class Dates
{
    public static bool TryParse(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>An optional yyyy-mm-dd query parameter; a malformed one is reported under its name.</summary>
    public static DateOnly? Optional(this Errors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TryParse(text, out var day)) return day;
        errors.Add(field, "must be a date written yyyy-mm-dd");
        return null;
    }

    /// <summary>An optional id query parameter; a malformed one is reported under its name.</summary>
    public static Guid? OptionalId(this Errors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Guid.TryParse(text.Trim(), out var id)) return id;
        errors.Add(field, "must be an id (a GUID)");
        return null;
    }
}

public static class QueryProblem
{
    /// <summary>A 400 for query parameters: what to change, keyed by parameter name.</summary>
    public static IResult From(Errors errors) => new Problem(StatusCodes.Status400BadRequest, "The request is invalid",
        "See 'errors' for which query parameters to change.", errors.ToDictionary()).ToResult();
}
