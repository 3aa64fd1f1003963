using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Engagement.Work;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Asks;

public sealed record AskView(Guid Id, string Text, string? Topic, Ref RaisedBy, Ref AddressedTo, MeetingRef Meeting,
    DateOnly RaisedOn, SuggestionStatus Status, SuggestionOutcome? Outcome, int Responses, int AgeDays, DateOnly LastActivityOn,
    Ref? Responsible, DateOnly? FollowUpOn)
{
    public string Href => $"/api/suggestions/{Id}";
}

public sealed record AskList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<AskView> Items, int Total, int Limit, string? NextCursor);

public sealed record AskFilter(IReadOnlySet<SuggestionStatus> Statuses, Guid? AddressedToId, Guid? RaisedById, string? Topic, int? MinAgeDays = null,
    Guid? ResponsibleId = null)
{
    public static readonly IReadOnlySet<SuggestionStatus> Unresolved = new HashSet<SuggestionStatus> { SuggestionStatus.Open, SuggestionStatus.Answered };

    /// <summary>
    /// <c>status</c> is one or more of open, answered, resolved, or the shorthands unresolved (open and answered, the
    /// default) and all, separated by commas.
    /// </summary>
    public static AskFilter Parse(string? status, string? addressedToId, string? raisedById, string? topic, Errors errors,
        string? minAgeDays = null, string? responsibleId = null)
    {
        var statuses = new HashSet<SuggestionStatus>();
        foreach (var word in (status ?? "unresolved").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (word.ToLowerInvariant())
            {
                case "open": statuses.Add(SuggestionStatus.Open); break;
                case "answered": statuses.Add(SuggestionStatus.Answered); break;
                case "resolved": statuses.Add(SuggestionStatus.Resolved); break;
                case "unresolved": statuses.UnionWith(Unresolved); break;
                case "all": statuses.UnionWith(Enum.GetValues<SuggestionStatus>()); break;
                default: errors.Add("status", "must be open, answered, resolved, unresolved or all (several separated by commas)"); break;
            }
        }
        if (statuses.Count == 0) statuses.UnionWith(Unresolved);
        errors.Optional("topic", topic, Limits.Topic);
        int? minAge = null;
        if (!string.IsNullOrWhiteSpace(minAgeDays))
        {
            if (int.TryParse(minAgeDays.Trim(), System.Globalization.NumberStyles.None, null, out var days) && days <= 100_000) minAge = days;
            else errors.Add("minAgeDays", "must be a whole number of days from 0 to 100000");
        }
        return new AskFilter(statuses, errors.OptionalId("addressedToId", addressedToId), errors.OptionalId("raisedById", raisedById),
            string.IsNullOrWhiteSpace(topic) ? null : topic.Trim(), minAge, errors.OptionalId("responsibleId", responsibleId));
    }

    /// <summary>The same conditions in SQL, over suggestion documents aliased <c>d</c>.</summary>
    /// <remarks>An organisation asked about stands for its merge group (<see cref="Merges"/>).</remarks>
    public SqlList Apply(SqlList list, DateOnly today, Merges merges)
    {
        list.Where(l => $"d.data ->> 'status' = any({l.Param(Statuses.Select(s => s.ToString()).ToArray())})");
        if (AddressedToId is { } to) list.Where(l => $"d.data ->> 'addressedToId' = any({l.Param(merges.TextGroupOf(to))})");
        if (RaisedById is { } by) list.Where(l => $"d.data ->> 'raisedById' = any({l.Param(merges.TextGroupOf(by))})");
        if (Topic is { } topic) list.Where(l => $"lower(d.data ->> 'topic') = lower({l.Param(topic)})");
        if (MinAgeDays is { } age) list.Where(l => $"{Asks.AgeSql(today)} >= {l.Param(age)}");
        if (ResponsibleId is { } responsible) list.Where(l => $"d.data ->> 'responsibleId' = {l.Param(responsible.ToString())}");
        return list;
    }

    public string Fingerprint(PointInTime point) => Paging.Fingerprint("asks", Statuses.Select(s => s.ToString()), AddressedToId, RaisedById,
        Topic?.ToLowerInvariant(), MinAgeDays, ResponsibleId, point.IsLive ? null : point.AsOf, point.KnownAt);

}

public static class Asks
{
    /// <summary>Days from being raised to the day answered for, or to the resolution for a resolved one.</summary>
    public static string AgeSql(DateOnly today) =>
        $"(coalesce((d.data ->> 'resolvedOn')::date, {ListSource.Literal(today)}) - (d.data ->> 'raisedOn')::date)";

    /// <summary>Oldest raised first by default; ties by id.</summary>
    public static SortKey[] Sorts(DateOnly today) =>
    [
        new("raisedOn", "d.data ->> 'raisedOn'", KeyType.Text),
        new("lastActivityOn", "d.data ->> 'lastActivityOn'", KeyType.Text, Descending: true),
        new("age", AgeSql(today), KeyType.Integer, Descending: true),
        new("topic", "lower(coalesce(d.data ->> 'topic', ''))", KeyType.Text)
    ];

    public static AskView View(Suggestion s, IReadOnlyDictionary<Guid, Meeting> meetings, IReadOnlyDictionary<Guid, Organization> organizations,
        DateOnly today) =>
        new(s.Id, s.Text, s.Topic, organizations.RefTo(s.RaisedById), organizations.RefTo(s.AddressedToId), MeetingRef.Of(meetings, s.MeetingId),
            s.RaisedOn, s.Status, s.Outcome, s.Responses.Count, (s.ResolvedOn ?? today).DayNumber - s.RaisedOn.DayNumber, s.LastActivityOn,
            Responsibles.RefTo(s.ResponsibleId, s.ResponsibleName), s.FollowUpOn);

    /// <summary>One page of the matching suggestions, live or as folded from the history, with names as they stood.</summary>
    public static async Task<(Page<AskView> Page, Cursor? Next)> PageAsync(IQuerySession session, Past? past, AskFilter filter,
        PageRequest request, DateOnly today, CancellationToken ct)
    {
        var merges = await Merges.LoadAsync(session, past, ct, filter.AddressedToId, filter.RaisedById);
        var list = filter.Apply(ListSource.For<Suggestion>(session, past), today, merges);
        var (page, next) = await list.PageWithCursorAsync(session, "d.data", request, r => ListSource.Document<Suggestion>(session, r), ct);
        var meetingIds = page.Items.Select(s => s.MeetingId);
        var organizationIds = page.Items.SelectMany(s => new[] { s.RaisedById, s.AddressedToId });
        var meetings = past is null ? await Refs.MeetingsAsync(session, meetingIds, ct) : await past.LoadAsync<Meeting>(session, meetingIds, ct);
        var organizations = past is null
            ? await Names.OrganizationsAsync(session, organizationIds, ct)
            : await past.LoadAsync<Organization>(session, organizationIds, ct);
        return (page.Map(s => View(s, meetings, organizations, today)), next);
    }

    public static readonly CsvColumn<AskView>[] Columns =
    [
        new("id", a => a.Id), new("raisedOn", a => a.RaisedOn), new("raisedBy", a => a.RaisedBy.Name),
        new("addressedTo", a => a.AddressedTo.Name), new("topic", a => a.Topic), new("text", a => a.Text), new("status", a => a.Status),
        new("outcome", a => a.Outcome), new("responses", a => a.Responses), new("ageDays", a => a.AgeDays),
        new("lastActivityOn", a => a.LastActivityOn), new("meeting", a => a.Meeting.Title), new("meetingHeldOn", a => a.Meeting.HeldOn),
        new("responsible", a => a.Responsible?.Name), new("followUpOn", a => a.FollowUpOn)
    ];
}

public static class ListAsksEndpoint
{
    /// <summary>
    /// The suggestions that match (default: unresolved), oldest raised first; <c>sort</c> raisedOn, lastActivityOn, age or
    /// topic, ties by id; <c>responsibleId</c> keeps those a user is responsible for. <c>format=csv</c> answers every matching
    /// row as a spreadsheet.
    /// </summary>
    [WolverineGet("/api/asks", Name = "ListAsks"), Tags("Asks")]
    [ProducesResponseType<AskList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? status, string? addressedToId, string? raisedById, string? topic, string? minAgeDays,
        string? responsibleId, string? asOf, string? knownAt, string? limit, string? cursor, string? sort, string? order, string? format, IQuerySession session,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var filter = AskFilter.Parse(status, addressedToId, raisedById, topic, errors, minAgeDays, responsibleId);
        var request = Paging.Parse(limit, cursor, sort, order, Asks.Sorts(point.AsOf), filter.Fingerprint(point), errors);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var past = await Past.ForAsync(session, point, ct);
        if (csv)
            return CsvExport.Result(http, "asks", point.AsOf, request,
                (r, token) => Asks.PageAsync(session, past, filter, r, point.AsOf, token), Asks.Columns);
        var (page, _) = await Asks.PageAsync(session, past, filter, request, point.AsOf, ct);
        return Results.Ok(new AskList(point.AsOf, point.KnownAt, page.Items, page.Total, request.Limit, page.NextCursor));
    }
}
