using Engagement.Access;
using Engagement.Access.Users;
using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Suggestions;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Work;

public enum WorkKind { Ask, Commitment, Meeting }

/// <summary>How pressing an item is, most pressing first: past its date, on it today, within the reminder window, later, undated, done.</summary>
public enum Urgency { Overdue, Due, Soon, Later, Undated, Logged }

/// <summary>One line of My work; <see cref="On"/> is an ask's next follow-up, a commitment's due date or the day a meeting was held.</summary>
public sealed record WorkItem(WorkKind Kind, Guid Id, string Title, DateOnly? On, Urgency Urgency, bool Reminded, Ref? Organization,
    string Path);

public sealed record WorkCounts(int OpenAsks, int FollowUpsDue, int CommitmentsDueSoon, int CommitmentsOverdue, int MeetingsThisWeek);

/// <summary>
/// <see cref="User"/> is null when the caller is an API key or a token, which no item can name as responsible: the answer
/// is then empty.
/// </summary>
public sealed record MyWork(Ref? User, DateOnly AsOf, DateOnly WeekFrom, int FallingDueDays, IReadOnlyList<WorkItem> Items, WorkCounts Counts);

public static class MyWorkRules
{
    public static Urgency Of(DateOnly? on, DateOnly today, int soonDays) => on switch
    {
        null => Urgency.Undated,
        { } d when d < today => Urgency.Overdue,
        { } d when d == today => Urgency.Due,
        { } d when d <= today.AddDays(soonDays) => Urgency.Soon,
        _ => Urgency.Later
    };

    public static WorkItem Ask(Suggestion s, IReadOnlyDictionary<Guid, Engagement.Organizations.Organization> organizations, DateOnly today,
        int soonDays) =>
        new(WorkKind.Ask, s.Id, TitleOf(s), s.FollowUpOn, Of(s.FollowUpOn, today, soonDays), s.FollowUpOn is { } f && s.WasReminded(f),
            organizations.RefTo(s.AddressedToId), $"/asks/{s.Id}");

    public static WorkItem Commitment(Commitment c, IReadOnlyDictionary<Guid, Engagement.Organizations.Organization> organizations,
        DateOnly today, int soonDays) =>
        new(WorkKind.Commitment, c.Id, Shorten(c.Description), c.DueOn,
            c.FellOverdueOn is not null ? Urgency.Overdue : Of(c.DueOn, today, soonDays), c.DueOn is { } due && c.WasReminded(due),
            organizations.RefTo(c.OwnerId), $"/commitments/{c.Id}");

    public static WorkItem Meeting(Meeting m) =>
        new(WorkKind.Meeting, m.Id, Shorten(m.Title), m.HeldOn, Urgency.Logged, false, null, $"/meetings/{m.Id}");

    /// <summary>Most pressing first, then the nearest date (the latest for meetings already held); ties by id.</summary>
    public static IReadOnlyList<WorkItem> Sort(IEnumerable<WorkItem> items) =>
    [
        .. items.OrderBy(i => i.Urgency)
            .ThenBy(i => i.Urgency == Urgency.Logged ? -(i.On?.DayNumber ?? 0) : i.On?.DayNumber ?? int.MaxValue)
            .ThenBy(i => i.Id)
    ];

    /// <summary>The Monday of the week <paramref name="today"/> is in.</summary>
    public static DateOnly WeekFrom(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 6) % 7));

    public static string TitleOf(Suggestion s) => Shorten(s.Topic is null ? s.Text : $"{s.Topic}: {s.Text}");

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..139].TrimEnd() + "…";
}

public static class GetMyWorkEndpoint
{
    /// <summary>
    /// The signed-in user's work, most pressing first: the open asks they are responsible for with their next follow-up,
    /// their open commitments due within the reminder window (<c>Reminders:FallingDueDays</c>) or overdue, and the
    /// meetings they logged since Monday. An API key or a token is no user: the answer has <c>user: null</c> and no items.
    /// </summary>
    [WolverineGet("/api/me/work", Name = "GetMyWork"), Tags("Work")]
    [ProducesResponseType<MyWork>(StatusCodes.Status200OK)]
    public static async Task<MyWork> Get(HttpContext http, IQuerySession session, TimeProvider clock, WorkSettings settings,
        CancellationToken ct)
    {
        var today = clock.Today();
        var weekFrom = MyWorkRules.WeekFrom(today);
        var user = Guid.TryParse(http.User.FindFirst(Claims.UserId)?.Value, out var userId) ? await session.LoadAsync<User>(userId, ct) : null;
        if (user is null) return new MyWork(null, today, weekFrom, settings.FallingDueDays, [], new WorkCounts(0, 0, 0, 0, 0));

        var asks = await session.Query<Suggestion>()
            .Where(s => s.ResponsibleId == user.Id && s.Status != SuggestionStatus.Resolved).ToListAsync(ct);
        var horizon = today.AddDays(settings.FallingDueDays);
        var commitments = (await session.Query<Commitment>()
                .Where(c => c.ResponsibleId == user.Id && c.Status == CommitmentStatus.Open && c.DueOn != null).ToListAsync(ct))
            .Where(c => c.DueOn <= horizon || c.FellOverdueOn is not null).ToList();
        var meetings = await MeetingsLoggedAsync(session, user, weekFrom, ct);
        var organizations = await Names.OrganizationsAsync(session,
            asks.Select(s => s.AddressedToId).Concat(commitments.Select(c => c.OwnerId)), ct);

        var items = MyWorkRules.Sort(asks.Select(s => MyWorkRules.Ask(s, organizations, today, settings.FallingDueDays))
            .Concat(commitments.Select(c => MyWorkRules.Commitment(c, organizations, today, settings.FallingDueDays)))
            .Concat(meetings.Select(MyWorkRules.Meeting)));
        var counts = new WorkCounts(asks.Count, items.Count(i => i.Kind == WorkKind.Ask && i.Urgency is Urgency.Overdue or Urgency.Due),
            items.Count(i => i.Kind == WorkKind.Commitment && i.Urgency != Urgency.Overdue),
            items.Count(i => i.Kind == WorkKind.Commitment && i.Urgency == Urgency.Overdue), meetings.Count);
        return new MyWork(new Ref(user.Id, user.Name), today, weekFrom, settings.FallingDueDays, items, counts);
    }

    /// <summary>Meetings whose logging the user recorded since the start of <paramref name="weekFrom"/> (by the event's timestamp).</summary>
    private static async Task<IReadOnlyList<Meeting>> MeetingsLoggedAsync(IQuerySession session, User user, DateOnly weekFrom,
        CancellationToken ct)
    {
        var since = new DateTimeOffset(weekFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var logged = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == "meeting_logged" && e.Timestamp >= since).ToListAsync(ct);
        var mine = logged.Where(e => RecordedBy(e) == user.Recorder).Select(e => e.StreamId).ToList();
        return mine.Count == 0 ? [] : [.. (await session.LoadManyAsync<Meeting>(ct, mine)).OrderByDescending(m => m.HeldOn)];
    }

    private static string? RecordedBy(IEvent e) =>
        e.Headers?.TryGetValue(HistoryEndpoints.RecordedByHeader, out var by) == true ? by?.ToString() : null;
}
