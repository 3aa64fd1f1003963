using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Infrastructure;
using Engagement.ReadModels;

namespace Engagement.Reports;

/// <summary>
/// The days a report covers, from and to inclusive, at the point in time it is made for. Without <c>to</c> the period
/// ends on asOf; without <c>from</c> it starts a year before its end, the span a chamber reports on at renewal time.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public static ReportPeriod Parse(string? from, string? to, PointInTime point, Errors errors)
    {
        var end = errors.Optional("to", to) ?? point.AsOf;
        var start = errors.Optional("from", from) ?? end.AddYears(-1).AddDays(1);
        errors.When(start > end, "from", $"must not be after to ({end:yyyy-MM-dd})");
        return new ReportPeriod(start, end);
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The period as SQL literals; only ever parsed dates, so nothing a client wrote reaches the statement text.</summary>
    public (string From, string To) Text => ($"'{From:yyyy-MM-dd}'", $"'{To:yyyy-MM-dd}'");
}

/// <summary>A calendar quarter, written yyyy-Qn (2026-Q3).</summary>
public sealed partial record Quarter(int Year, int Number)
{
    public DateOnly First => new(Year, 3 * Number - 2, 1);
    public DateOnly Last => First.AddMonths(3).AddDays(-1);
    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public static Quarter Of(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public static Quarter? Parse(string? text, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = Shape().Match(text.Trim());
        if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var year and >= 1 and <= 9998)
            return new Quarter(year, match.Groups[2].Value[0] - '0');
        errors.Add("quarter", "must be a quarter written yyyy-Qn, for example 2026-Q3");
        return null;
    }

    public override string ToString() => $"{Year:D4}-Q{Number}";

    [GeneratedRegex("^([0-9]{4})-[Qq]([1-4])$")]
    private static partial Regex Shape();
}
