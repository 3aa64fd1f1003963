using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.ReadModels;
using Engagement.Work;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Commitments;

/// <summary>Where a commitment stands: an open one is overdue once it has fallen overdue for its current due date.</summary>
public enum CommitmentState { Open, Overdue, Fulfilled, Cancelled }

public sealed record CommitmentListItem(Guid Id, string Description, Ref Owner, CommitmentSide Side, MeetingRef Meeting,
    Guid? SuggestionId, DateOnly MadeOn, DateOnly? DueOn, CommitmentState Status, DateOnly? FellOverdueOn, DateOnly? ClosedOn,
    DateOnly LastActivityOn, Ref? Responsible)
{
    public string Href => $"/api/commitments/{Id}";
}

public sealed record CommitmentList(DateOnly AsOf, DateTimeOffset? KnownAt, IReadOnlyList<CommitmentListItem> Items, int Total, int Limit,
    string? NextCursor);

/// <summary>
/// <c>status</c> is one or more of open, overdue, due-soon (open, not overdue, due within <see cref="DueSoonDays"/> days of
/// the day answered for), fulfilled and cancelled, separated by commas; <c>dueFrom</c> and <c>dueTo</c> include their
/// days, <c>dueBefore</c> does not.
/// </summary>
public sealed record CommitmentFilter(IReadOnlySet<string> Statuses, Guid? OwnerId, DateOnly? DueBefore, DateOnly? DueFrom = null,
    DateOnly? DueTo = null, Guid? ResponsibleId = null)
{
    public const int DueSoonDays = 14;
    private static readonly string[] Words = ["open", "overdue", "due-soon", "fulfilled", "cancelled"];

    public static CommitmentFilter Parse(string? status, string? ownerId, string? dueBefore, Errors errors, string? dueFrom = null,
        string? dueTo = null, string? responsibleId = null)
    {
        var statuses = new HashSet<string>();
        foreach (var word in (status ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var wanted = word.ToLowerInvariant();
            if (Words.Contains(wanted)) statuses.Add(wanted);
            else errors.Add("status", "must be open, overdue, due-soon, fulfilled or cancelled (several separated by commas)");
        }
        var filter = new CommitmentFilter(statuses, errors.OptionalId("ownerId", ownerId), errors.Optional("dueBefore", dueBefore),
            errors.Optional("dueFrom", dueFrom), errors.Optional("dueTo", dueTo), errors.OptionalId("responsibleId", responsibleId));
        errors.When(filter.DueFrom > filter.DueTo, "dueTo", "must not be before dueFrom");
        return filter;
    }

    /// <summary>The same conditions in SQL, over commitment documents aliased <c>d</c>.</summary>
    /// <remarks>An owner asked about stands for its merge group (<see cref="Merges"/>).</remarks>
    public SqlList Apply(SqlList list, DateOnly today, Merges merges)
    {
        const string status = "d.data ->> 'status'", overdue = "d.data ->> 'fellOverdueOn'", due = "d.data ->> 'dueOn'";
        var any = Statuses.Select(s => s switch
        {
            "open" => $"({status} = 'Open' and {overdue} is null)",
            "overdue" => $"({status} = 'Open' and {overdue} is not null)",
            "due-soon" => $"({status} = 'Open' and {overdue} is null and {due} >= '{today:yyyy-MM-dd}' and {due} <= '{today.AddDays(DueSoonDays):yyyy-MM-dd}')",
            "fulfilled" => $"{status} = 'Fulfilled'",
            _ => $"{status} = 'Cancelled'"
        }).ToList();
        if (any.Count > 0) list.Where(string.Join(" or ", any));
        if (OwnerId is { } owner) list.Where(l => $"d.data ->> 'ownerId' = any({l.Param(merges.TextGroupOf(owner))})");
        if (DueBefore is { } before) list.Where(l => $"{due} < {l.Param(before.ToString("yyyy-MM-dd"))}");
        if (DueFrom is { } from) list.Where(l => $"{due} >= {l.Param(from.ToString("yyyy-MM-dd"))}");
        if (DueTo is { } to) list.Where(l => $"{due} <= {l.Param(to.ToString("yyyy-MM-dd"))}");
        if (ResponsibleId is { } responsible) list.Where(l => $"d.data ->> 'responsibleId' = {l.Param(responsible.ToString())}");
        return list;
    }

    public string Fingerprint(PointInTime point) => Paging.Fingerprint("commitments", Statuses, OwnerId, DueBefore, DueFrom, DueTo, ResponsibleId,
        point.IsLive ? null : point.AsOf, point.KnownAt);

    public static CommitmentState StateOf(Commitment c) => c.Status switch
    {
        CommitmentStatus.Fulfilled => CommitmentState.Fulfilled,
        CommitmentStatus.Cancelled => CommitmentState.Cancelled,
        _ => c.FellOverdueOn is null ? CommitmentState.Open : CommitmentState.Overdue
    };
}

public static class CommitmentListing
{
    /// <summary>Soonest due first (then the earliest made; those without a due date last) by default; ties by id.</summary>
    public static readonly SortKey[] Sorts =
    [
        new("dueOn", "coalesce(d.data ->> 'dueOn', '9999-12-31') || ' ' || (d.data ->> 'madeOn')", KeyType.Text),
        new("madeOn", "d.data ->> 'madeOn'", KeyType.Text),
        new("lastActivityOn", "d.data ->> 'lastActivityOn'", KeyType.Text, Descending: true)
    ];

    public static CommitmentListItem View(Commitment c, IReadOnlyDictionary<Guid, Meeting> meetings,
        IReadOnlyDictionary<Guid, Organization> organizations) =>
        new(c.Id, c.Description, organizations.RefTo(c.OwnerId),
            Parties.SideOf(organizations.TryGetValue(c.OwnerId, out var owner) ? owner.Kind : OrganizationKind.Other),
            MeetingRef.Of(meetings, c.MeetingId), c.SuggestionId, c.MadeOn, c.DueOn, CommitmentFilter.StateOf(c),
            c.Status == CommitmentStatus.Open ? c.FellOverdueOn : null, c.ClosedOn, c.LastActivityOn,
            Responsibles.RefTo(c.ResponsibleId, c.ResponsibleName));

    /// <summary>One page of the matching commitments, live or as folded from the history, with names as they stood.</summary>
    public static async Task<(Page<CommitmentListItem> Page, Cursor? Next)> PageAsync(IQuerySession session, Past? past,
        CommitmentFilter filter, PageRequest request, DateOnly today, CancellationToken ct)
    {
        var merges = await Merges.LoadAsync(session, past, ct, filter.OwnerId);
        var list = filter.Apply(ListSource.For<Commitment>(session, past), today, merges);
        var (page, next) = await list.PageWithCursorAsync(session, "d.data", request, r => ListSource.Document<Commitment>(session, r), ct);
        var meetingIds = page.Items.Select(c => c.MeetingId);
        var ownerIds = page.Items.Select(c => c.OwnerId);
        var meetings = past is null ? await Refs.MeetingsAsync(session, meetingIds, ct) : await past.LoadAsync<Meeting>(session, meetingIds, ct);
        var organizations = past is null
            ? await Names.OrganizationsAsync(session, ownerIds, ct)
            : await past.LoadAsync<Organization>(session, ownerIds, ct);
        return (page.Map(c => View(c, meetings, organizations)), next);
    }

    public static readonly CsvColumn<CommitmentListItem>[] Columns =
    [
        new("id", c => c.Id), new("madeOn", c => c.MadeOn), new("owner", c => c.Owner.Name), new("side", c => c.Side),
        new("description", c => c.Description), new("dueOn", c => c.DueOn), new("status", c => c.Status),
        new("fellOverdueOn", c => c.FellOverdueOn), new("closedOn", c => c.ClosedOn), new("lastActivityOn", c => c.LastActivityOn),
        new("meeting", c => c.Meeting.Title), new("meetingHeldOn", c => c.Meeting.HeldOn), new("responsible", c => c.Responsible?.Name)
    ];
}

public static class ListCommitmentsEndpoint
{
    /// <summary>
    /// The commitments that match, soonest due first; <c>sort</c> dueOn, madeOn or lastActivityOn, ties by id.
    /// <c>responsibleId</c> keeps those a user is responsible for. <c>format=csv</c> answers every matching row as a spreadsheet.
    /// </summary>
    [WolverineGet("/api/commitments", Name = "ListCommitments"), Tags("Commitments")]
    [ProducesResponseType<CommitmentList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? status, string? ownerId, string? dueBefore, string? dueFrom, string? dueTo,
        string? responsibleId, string? asOf,
        string? knownAt, string? limit, string? cursor, string? sort, string? order, string? format, IQuerySession session,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var filter = CommitmentFilter.Parse(status, ownerId, dueBefore, errors, dueFrom, dueTo, responsibleId);
        var request = Paging.Parse(limit, cursor, sort, order, CommitmentListing.Sorts, filter.Fingerprint(point), errors);
        var csv = CsvExport.Wanted(format, errors);
        if (errors.Any) return QueryProblem.From(errors);

        var past = await Past.ForAsync(session, point, ct);
        if (csv)
            return CsvExport.Result(http, "commitments", point.AsOf, request,
                (r, token) => CommitmentListing.PageAsync(session, past, filter, r, point.AsOf, token), CommitmentListing.Columns);
        var (page, _) = await CommitmentListing.PageAsync(session, past, filter, request, point.AsOf, ct);
        return Results.Ok(new CommitmentList(point.AsOf, point.KnownAt, page.Items, page.Total, request.Limit, page.NextCursor));
    }
}
