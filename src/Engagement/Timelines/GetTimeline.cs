using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Timelines;

public sealed record SuggestionLink(Guid Id, string? Topic, Ref RaisedBy, Ref AddressedTo)
{
    public string Href => $"/api/suggestions/{Id}";
}

public sealed record CommitmentLink(Guid Id, string Description, Ref Owner, DateOnly? DueOn)
{
    public string Href => $"/api/commitments/{Id}";
}

/// <summary>
/// One timeline entry with what it links to. <see cref="Organization"/> is, on a person's timeline, the organisation
/// they represented that day.
/// </summary>
public sealed record TimelineItem(DateOnly On, TimelineEntryKind Kind, string? Detail, string? Href, MeetingRef? Meeting,
    SuggestionLink? Suggestion, CommitmentLink? Commitment, Ref? Person, Ref? Organization, long Sequence);

public sealed record TimelineAnswer(DateOnly AsOf, DateTimeOffset? KnownAt, Ref Subject, IReadOnlyList<TimelineItem> Items, int Total,
    int Limit, string? NextCursor, Freshness? Freshness);

/// <summary>What timeline entries link to, as it stood at the moment answered for.</summary>
public sealed record TimelineLinks(IReadOnlyDictionary<Guid, Meeting> Meetings, IReadOnlyDictionary<Guid, Suggestion> Suggestions,
    IReadOnlyDictionary<Guid, Commitment> Commitments, IReadOnlyDictionary<Guid, Person> People,
    IReadOnlyDictionary<Guid, Organization> Organizations)
{
    /// <summary>The items the entries link to, live or (given <paramref name="past"/>) as they stood.</summary>
    public static async Task<TimelineLinks> LoadAsync(IQuerySession session, Past? past, IReadOnlyList<TimelineEntry> entries, CancellationToken ct)
    {
        async Task<IReadOnlyDictionary<Guid, T>> Load<T>(IEnumerable<Guid> ids, Func<T, Guid> idOf) where T : notnull
        {
            var distinct = ids.Distinct().ToArray();
            if (distinct.Length == 0) return new Dictionary<Guid, T>();
            return past is null ? await Names.LoadByIdAsync(session, distinct, idOf, ct) : await past.LoadAsync<T>(session, distinct, ct);
        }

        var suggestions = await Load<Suggestion>(entries.Where(e => e.SuggestionId is not null).Select(e => e.SuggestionId!.Value), s => s.Id);
        var commitments = await Load<Commitment>(entries.Where(e => e.CommitmentId is not null).Select(e => e.CommitmentId!.Value), c => c.Id);
        var meetings = await Load<Meeting>(entries.Where(e => e.MeetingId is not null).Select(e => e.MeetingId!.Value)
            .Concat(suggestions.Values.Select(s => s.MeetingId)).Concat(commitments.Values.Select(c => c.MeetingId)), m => m.Id);
        var people = await Load<Person>(entries.Where(e => e.PersonId is not null).Select(e => e.PersonId!.Value), p => p.Id);
        var organizations = await Load<Organization>(entries.Where(e => e.OrganizationId is not null)
            .Select(e => e.OrganizationId!.Value)
            .Concat(suggestions.Values.SelectMany(s => new[] { s.RaisedById, s.AddressedToId }))
            .Concat(commitments.Values.Select(c => c.OwnerId))
            .Concat(people.Values.SelectMany(p => p.Posts.Select(x => x.OrganizationId))), o => o.Id);
        return new TimelineLinks(meetings, suggestions, commitments, people, organizations);
    }
}

public static class TimelineView
{
    /// <summary>Newest first, by business date, then the order recorded.</summary>
    public static readonly SortKey[] Sorts = [new("on", "d.data ->> 'on'", KeyType.Text, Descending: true)];

    /// <summary>
    /// One page of the subject's entries at the point, each with what it links to, read from the timeline rows by
    /// PostgreSQL: live (no <paramref name="past"/>) the stored rows as of today; of the past, the stored rows and those of
    /// the events the projection has not reached, with the links as they stood. <paramref name="person"/> is the
    /// subject when it is a person. An organisation's <paramref name="subjectIds"/> are its merge group: one event on
    /// several of their timelines is one entry.
    /// </summary>
    public static async Task<Page<TimelineItem>> PageAsync(IQuerySession session, Past? past, PointInTime point, IReadOnlyList<Guid> subjectIds,
        Person? person, PageRequest request, CancellationToken ct)
    {
        var unprojected = past is null ? new Dictionary<string, TimelineRow>() : await TimelineRows.UnprojectedAsync(session, ct);
        var list = SqlList.From(l => TimelineRows.Source(session, l, subjectIds, point, unprojected) + " d", KeyType.Integer);
        var page = await list.PageAsync(session, "d.data", request, r => ListSource.Document<TimelineEntry>(session, r), ct);
        var links = await TimelineLinks.LoadAsync(session, past, page.Items, ct);
        return page.Map(e => Present(e, person, links));
    }

    private static TimelineItem Present(TimelineEntry e, Person? person, TimelineLinks links)
    {
        var suggestion = e.SuggestionId is { } sid && links.Suggestions.TryGetValue(sid, out var s) ? s : null;
        var commitment = e.CommitmentId is { } cid && links.Commitments.TryGetValue(cid, out var c) ? c : null;
        var meetingId = e.MeetingId ?? suggestion?.MeetingId ?? commitment?.MeetingId;
        var meeting = meetingId is { } mid ? MeetingRef.Of(links.Meetings, mid) : null;
        var organizationId = e.OrganizationId ?? (person is not null && meeting is not null ? person.PostOn(meeting.HeldOn)?.OrganizationId : null);
        var personRef = e.PersonId is { } pid ? new Ref(pid, links.People.TryGetValue(pid, out var p) ? p.Name : "(unknown)") : null;

        var href = e.CommitmentId is { } c2 ? $"/api/commitments/{c2}"
            : e.SuggestionId is { } s2 ? $"/api/suggestions/{s2}"
            : meeting?.Href
            ?? (e.PersonId is { } p2 ? $"/api/people/{p2}" : e.OrganizationId is { } o2 ? $"/api/organizations/{o2}" : null);

        return new TimelineItem(e.On, e.Kind, e.Detail, href, meeting,
            e.SuggestionId is { } si ? new SuggestionLink(si, suggestion?.Topic, links.Organizations.RefTo(suggestion?.RaisedById ?? Guid.Empty),
                links.Organizations.RefTo(suggestion?.AddressedToId ?? Guid.Empty)) : null,
            e.CommitmentId is { } ci ? new CommitmentLink(ci, commitment?.Description ?? "(unknown)",
                links.Organizations.RefTo(commitment?.OwnerId ?? Guid.Empty), commitment?.DueOn) : null,
            personRef, organizationId is { } oid ? links.Organizations.RefTo(oid) : null, e.Sequence);
    }
}

public static class GetTimelineEndpoint
{
    /// <summary>An organisation's timeline holds those of the organisations merged into it; a merged one's id answers with its survivor's.</summary>
    [WolverineGet("/api/organizations/{id}/timeline", Name = "OrganizationTimeline"), Tags("Organizations")]
    [ProducesResponseType<TimelineAnswer>(StatusCodes.Status200OK)]
    public static Task<IResult> Organization(Guid id, string? asOf, string? knownAt, string? limit, string? cursor, string? order,
        IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        Answer<Organization>(id, "organisation", asOf, knownAt, limit, cursor, order, session, clock, o => o.Name, _ => null,
            async past => (await Merges.LoadAsync(session, past, ct)).GroupOf(id), ct);

    /// <summary>A person's timeline shows, for each meeting, the organisation they represented that day.</summary>
    [WolverineGet("/api/people/{id}/timeline", Name = "PersonTimeline"), Tags("People")]
    [ProducesResponseType<TimelineAnswer>(StatusCodes.Status200OK)]
    public static Task<IResult> Person(Guid id, string? asOf, string? knownAt, string? limit, string? cursor, string? order,
        IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        Answer<Person>(id, "person", asOf, knownAt, limit, cursor, order, session, clock, p => p.Name, p => p,
            _ => Task.FromResult<IReadOnlyList<Guid>>([id]), ct);

    private static async Task<IResult> Answer<T>(Guid id, string what, string? asOf, string? knownAt, string? limit, string? cursor,
        string? order, IQuerySession session, TimeProvider clock, Func<T, string> nameOf, Func<T, Person?> personOf,
        Func<Past?, Task<IReadOnlyList<Guid>>> subjectsOf, CancellationToken ct)
        where T : class
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        var request = Paging.Parse(limit, cursor, null, order, TimelineView.Sorts,
            Paging.Fingerprint("timeline", id, point.IsLive ? null : point.AsOf, point.KnownAt), errors, KeyType.Integer);
        if (errors.Any) return QueryProblem.From(errors);

        var freshness = point.IsLive ? await Freshness.OfAsync(session, TimelineProjection.ProjectionName, ct) : null;
        var past = await Past.ForAsync(session, point, ct);
        var subject = past is null ? await session.LoadAsync<T>(id, ct) : (await past.LoadAsync<T>(session, [id], ct)).GetValueOrDefault(id);
        if (subject is null) return Problem.NotFound(what, id).ToResult();
        var page = await TimelineView.PageAsync(session, past, point, await subjectsOf(past), personOf(subject), request, ct);
        return Results.Ok(new TimelineAnswer(point.AsOf, point.KnownAt, new Ref(id, nameOf(subject)), page.Items, page.Total, request.Limit,
            page.NextCursor, freshness));
    }
}
