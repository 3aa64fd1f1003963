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

public sealed record TimelineAnswer(DateOnly AsOf, DateTimeOffset? KnownAt, Ref Subject, IReadOnlyList<TimelineItem> Entries,
    Freshness? Freshness);

/// <summary>What timeline entries link to, as it stood at the moment answered for.</summary>
public sealed record TimelineLinks(IReadOnlyDictionary<Guid, Meeting> Meetings, IReadOnlyDictionary<Guid, Suggestion> Suggestions,
    IReadOnlyDictionary<Guid, Commitment> Commitments, IReadOnlyDictionary<Guid, Person> People,
    IReadOnlyDictionary<Guid, Organization> Organizations)
{
    public static TimelineLinks From(History h) => new(h.Meetings, h.Suggestions, h.Commitments, h.People, h.Organizations);

    public static async Task<TimelineLinks> LoadAsync(IQuerySession session, Timeline? timeline, CancellationToken ct)
    {
        var entries = timeline?.Entries ?? [];
        var suggestions = (await session.LoadManyAsync<Suggestion>(ct, entries.Where(e => e.SuggestionId is not null)
            .Select(e => e.SuggestionId!.Value).Distinct())).ToDictionary(s => s.Id);
        var commitments = (await session.LoadManyAsync<Commitment>(ct, entries.Where(e => e.CommitmentId is not null)
            .Select(e => e.CommitmentId!.Value).Distinct())).ToDictionary(c => c.Id);
        var meetings = await Refs.MeetingsAsync(session, entries.Where(e => e.MeetingId is not null).Select(e => e.MeetingId!.Value)
            .Concat(suggestions.Values.Select(s => s.MeetingId)).Concat(commitments.Values.Select(c => c.MeetingId)), ct);
        var people = (await session.LoadManyAsync<Person>(ct, entries.Where(e => e.PersonId is not null)
            .Select(e => e.PersonId!.Value).Distinct())).ToDictionary(p => p.Id);
        var organizations = await Names.OrganizationsAsync(session, entries.Where(e => e.OrganizationId is not null)
            .Select(e => e.OrganizationId!.Value)
            .Concat(suggestions.Values.SelectMany(s => new[] { s.RaisedById, s.AddressedToId }))
            .Concat(commitments.Values.Select(c => c.OwnerId))
            .Concat(people.Values.SelectMany(p => p.Posts.Select(x => x.OrganizationId))), ct);
        return new TimelineLinks(meetings, suggestions, commitments, people, organizations);
    }
}

public static class TimelineView
{
    /// <summary>
    /// The entries up to the day answered for, newest first (by business date, then the order recorded), each with what
    /// it links to. <paramref name="person"/> is the subject when it is a person.
    /// </summary>
    public static IReadOnlyList<TimelineItem> Present(Timeline? timeline, DateOnly asOf, Person? person, TimelineLinks links) =>
    [
        .. (timeline?.Entries ?? []).Where(e => e.On <= asOf).OrderByDescending(e => e.On).ThenByDescending(e => e.Sequence)
            .Select(e => Present(e, person, links))
    ];

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
    [WolverineGet("/api/organizations/{id}/timeline", Name = "OrganizationTimeline"), Tags("Organizations")]
    [ProducesResponseType<TimelineAnswer>(StatusCodes.Status200OK)]
    public static Task<IResult> Organization(Guid id, string? asOf, string? knownAt, IQuerySession session, TimeProvider clock,
        CancellationToken ct) =>
        Answer<Organization>(id, "organisation", asOf, knownAt, session, clock, h => h.Organizations, o => o.Name, _ => null, ct);

    /// <summary>A person's timeline shows, for each meeting, the organisation they represented that day.</summary>
    [WolverineGet("/api/people/{id}/timeline", Name = "PersonTimeline"), Tags("People")]
    [ProducesResponseType<TimelineAnswer>(StatusCodes.Status200OK)]
    public static Task<IResult> Person(Guid id, string? asOf, string? knownAt, IQuerySession session, TimeProvider clock,
        CancellationToken ct) =>
        Answer<Person>(id, "person", asOf, knownAt, session, clock, h => h.People, p => p.Name, p => p, ct);

    private static async Task<IResult> Answer<T>(Guid id, string what, string? asOf, string? knownAt, IQuerySession session,
        TimeProvider clock, Func<History, IReadOnlyDictionary<Guid, T>> subjectsThen, Func<T, string> nameOf, Func<T, Person?> personOf,
        CancellationToken ct) where T : class
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);

        if (!point.IsLive)
        {
            var history = await History.LoadAsync(session, point, ct);
            if (!subjectsThen(history).TryGetValue(id, out var then)) return Problem.NotFound(what, id).ToResult();
            return Results.Ok(new TimelineAnswer(point.AsOf, point.KnownAt, new Ref(id, nameOf(then)),
                TimelineView.Present(history.Timelines.GetValueOrDefault(id), point.AsOf, personOf(then), TimelineLinks.From(history)), null));
        }

        var freshness = await Freshness.OfAsync(session, TimelineProjection.ProjectionName, ct);
        var subject = await session.LoadAsync<T>(id, ct);
        if (subject is null) return Problem.NotFound(what, id).ToResult();
        var timeline = await session.LoadAsync<Timeline>(id, ct);
        return Results.Ok(new TimelineAnswer(point.AsOf, point.KnownAt, new Ref(id, nameOf(subject)),
            TimelineView.Present(timeline, point.AsOf, personOf(subject), await TimelineLinks.LoadAsync(session, timeline, ct)), freshness));
    }
}
