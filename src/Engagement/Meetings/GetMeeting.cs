using Engagement.Access.Users;
using Engagement.Commitments;
using Engagement.Confidentiality;
using Engagement.Infrastructure;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Meetings;

public sealed record Participant(Guid Id, string Name, string? Title, Ref? Organization);

public sealed record MeetingSuggestion(Guid Id, Ref RaisedBy, Ref AddressedTo, string? Topic, string Text, SuggestionStatus Status,
    SuggestionOutcome? Outcome);

public sealed record MeetingCommitment(Guid Id, Ref Owner, string Description, DateOnly? DueOn, Guid? SuggestionId,
    CommitmentStatus Status, bool Overdue);

/// <summary>Who may see a restricted meeting or note, and why; shown only to them.</summary>
public sealed record RestrictionView(IReadOnlyList<Ref> AllowedUsers, string? Reason);

public sealed record MeetingNoteView(Guid Id, string Text, DateOnly NotedOn, bool Restricted, RestrictionView? Restriction);

/// <summary>A meeting; <c>restricted</c> says its content is for the users its restriction lists (others see a placeholder).</summary>
public sealed record MeetingView(Guid Id, string Title, DateOnly HeldOn, string? Location, IReadOnlyList<Ref> Organizations,
    IReadOnlyList<Participant> Participants, IReadOnlyList<string> Topics, string? Summary, string? SourceUrl,
    IReadOnlyList<MeetingNoteView> Notes, IReadOnlyList<MeetingSuggestion> Suggestions, IReadOnlyList<MeetingCommitment> Commitments,
    int Version, bool Restricted, RestrictionView? Restriction);

public static class GetMeetingEndpoint
{
    /// <summary>
    /// The meeting as it stood at the end of <c>asOf</c> (notes, asks and commitments dated by then), with only what had
    /// been recorded by <c>knownAt</c>; without either, as it is now. A meeting held after that day is not found.
    /// </summary>
    [WolverineGet("/api/meetings/{id}", Name = "GetMeeting"), Tags("Meetings")]
    [ProducesResponseType<MeetingView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, string? asOf, string? knownAt, IQuerySession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);

        Sources sources;
        if (point.IsLive)
        {
            if (await session.LoadAsync<Meeting>(id, ct) is not { } live) return Problem.NotFound("meeting", id).ToResult();
            sources = new Sources(live, await Names.LoadByIdAsync<Person>(session, live.ParticipantIds, p => p.Id, ct),
                await session.Query<Suggestion>().Where(s => s.MeetingId == id).ToListAsync(ct),
                await session.Query<Commitment>().Where(c => c.MeetingId == id).ToListAsync(ct), null);
        }
        else
        {
            if (await session.LoadAsync<Meeting>(id, ct) is not { } live) return Problem.NotFound("meeting", id).ToResult();
            var history = await History.LoadStreamsAsync(session, point, await StreamsOfAsync(session, live, ct), ct);
            if (!history.Meetings.TryGetValue(id, out var then)) return Problem.NotFound("meeting", id).ToResult();
            sources = new Sources(then, history.People, [.. history.Suggestions.Values.Where(s => s.MeetingId == id)],
                [.. history.Commitments.Values.Where(c => c.MeetingId == id)], history.Organizations);
        }

        var meeting = sources.Meeting;
        var suggestions = sources.Suggestions.OrderBy(s => s.Id).ToList();
        var commitments = sources.Commitments.OrderBy(c => c.Id).ToList();
        var people = meeting.ParticipantIds.Select(p => sources.People.GetValueOrDefault(p)).OfType<Person>().ToList();
        var names = sources.Organizations ?? await Names.OrganizationsAsync(session, meeting.OrganizationIds
            .Concat(people.Select(p => p.PostOn(meeting.HeldOn)?.OrganizationId ?? p.OrganizationId))
            .Concat(suggestions.SelectMany(s => new[] { s.RaisedById, s.AddressedToId }))
            .Concat(commitments.Select(c => c.OwnerId)), ct);

        var confidentiality = (await Redaction.ForAsync(http)).Of(meeting.Id);
        IReadOnlyDictionary<Guid, User> cleared = confidentiality is null ? new Dictionary<Guid, User>() : await Names.LoadByIdAsync<User>(session,
            [.. (confidentiality.Meeting?.AllowedUserIds ?? []).Concat(confidentiality.Notes.SelectMany(n => n.AllowedUserIds))], u => u.Id, ct);
        RestrictionView? ViewOf(Restriction? r) => r is null ? null
            : new RestrictionView([.. r.AllowedUserIds.Select(u => new Ref(u, cleared.GetValueOrDefault(u)?.Name ?? "(unknown)"))], r.Reason);

        Streams.SetETag(http, meeting.Version);
        return Results.Ok(new MeetingView(meeting.Id, meeting.Title, meeting.HeldOn, meeting.Location,
            [.. meeting.OrganizationIds.Select(names.RefTo)],
            [.. meeting.ParticipantIds.Select(pid => people.FirstOrDefault(p => p.Id == pid) is { } p
                ? AsParticipant(p, meeting.HeldOn, names)
                : new Participant(pid, "(unknown)", null, null))],
            meeting.Topics, meeting.Summary, meeting.SourceUrl,
            [.. meeting.Notes.Select(n => confidentiality?.Of(n.Id) is { } r
                ? new MeetingNoteView(n.Id, n.Text, n.NotedOn, true, ViewOf(r))
                : new MeetingNoteView(n.Id, n.Text, n.NotedOn, false, null))],
            [.. suggestions.Select(s => new MeetingSuggestion(s.Id, names.RefTo(s.RaisedById), names.RefTo(s.AddressedToId), s.Topic,
                s.Text, s.Status, s.Outcome))],
            [.. commitments.Select(c => new MeetingCommitment(c.Id, names.RefTo(c.OwnerId), c.Description, c.DueOn, c.SuggestionId,
                c.Status, c.IsOverdueOn(point.AsOf)))],
            meeting.Version, confidentiality?.Meeting is not null, ViewOf(confidentiality?.Meeting)));
    }

    /// <summary>
    /// The streams a past view of the meeting is folded from: its own, its asks' and commitments', its participants' and
    /// every organisation they name. Taken from what is known now, a superset of what was known then; none of these
    /// links ever changes once recorded.
    /// </summary>
    private static async Task<IEnumerable<Guid>> StreamsOfAsync(IQuerySession session, Meeting meeting, CancellationToken ct)
    {
        var suggestions = await session.Query<Suggestion>().Where(s => s.MeetingId == meeting.Id).ToListAsync(ct);
        var commitments = await session.Query<Commitment>().Where(c => c.MeetingId == meeting.Id).ToListAsync(ct);
        var people = await Names.LoadByIdAsync<Person>(session, meeting.ParticipantIds, p => p.Id, ct);
        return new[] { meeting.Id }.Concat(meeting.OrganizationIds).Concat(meeting.ParticipantIds)
            .Concat(people.Values.SelectMany(p => p.Posts.Select(post => post.OrganizationId).Append(p.OrganizationId)))
            .Concat(suggestions.SelectMany(s => new[] { s.Id, s.RaisedById, s.AddressedToId }))
            .Concat(commitments.SelectMany(c => new[] { c.Id, c.OwnerId }));
    }

    /// <summary>What the view is made from: the live documents, or the history folded to a point in time.</summary>
    private sealed record Sources(Meeting Meeting, IReadOnlyDictionary<Guid, Person> People, IReadOnlyList<Suggestion> Suggestions,
        IReadOnlyList<Commitment> Commitments, IReadOnlyDictionary<Guid, Organizations.Organization>? Organizations);

    /// <summary>A participant as they were on the day of the meeting: title and organisation then, not now.</summary>
    private static Participant AsParticipant(Person person, DateOnly heldOn, IReadOnlyDictionary<Guid, Organizations.Organization> names)
    {
        var post = person.PostOn(heldOn);
        var organizationId = post?.OrganizationId ?? person.OrganizationId;
        return new Participant(person.Id, person.Name, post?.Title ?? person.Title, names.RefTo(organizationId));
    }
}
