using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.People;
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

public sealed record MeetingView(Guid Id, string Title, DateOnly HeldOn, string? Location, IReadOnlyList<Ref> Organizations,
    IReadOnlyList<Participant> Participants, IReadOnlyList<string> Topics, string? Summary, string? SourceUrl,
    IReadOnlyList<MeetingNote> Notes, IReadOnlyList<MeetingSuggestion> Suggestions, IReadOnlyList<MeetingCommitment> Commitments,
    int Version);

public static class GetMeetingEndpoint
{
    [WolverineGet("/api/meetings/{id}", Name = "GetMeeting"), Tags("Meetings")]
    [ProducesResponseType<MeetingView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await session.LoadAsync<Meeting>(id, ct);
        if (meeting is null) return Problem.NotFound("meeting", id).ToResult();

        var people = await session.LoadManyAsync<Person>(ct, meeting.ParticipantIds);
        var suggestions = await session.Query<Suggestion>().Where(s => s.MeetingId == id).OrderBy(s => s.Id).ToListAsync(ct);
        var commitments = await session.Query<Commitment>().Where(c => c.MeetingId == id).OrderBy(c => c.Id).ToListAsync(ct);
        var names = await Names.OrganizationsAsync(session, meeting.OrganizationIds
            .Concat(people.Select(p => p.PostOn(meeting.HeldOn)?.OrganizationId ?? p.OrganizationId))
            .Concat(suggestions.SelectMany(s => new[] { s.RaisedById, s.AddressedToId }))
            .Concat(commitments.Select(c => c.OwnerId)), ct);
        var today = clock.Today();

        Streams.SetETag(http, meeting.Version);
        return Results.Ok(new MeetingView(meeting.Id, meeting.Title, meeting.HeldOn, meeting.Location,
            [.. meeting.OrganizationIds.Select(names.RefTo)],
            [.. meeting.ParticipantIds.Select(pid => people.FirstOrDefault(p => p.Id == pid) is { } p
                ? AsParticipant(p, meeting.HeldOn, names)
                : new Participant(pid, "(unknown)", null, null))],
            meeting.Topics, meeting.Summary, meeting.SourceUrl, meeting.Notes,
            [.. suggestions.Select(s => new MeetingSuggestion(s.Id, names.RefTo(s.RaisedById), names.RefTo(s.AddressedToId), s.Topic,
                s.Text, s.Status, s.Outcome))],
            [.. commitments.Select(c => new MeetingCommitment(c.Id, names.RefTo(c.OwnerId), c.Description, c.DueOn, c.SuggestionId,
                c.Status, c.IsOverdueOn(today)))],
            meeting.Version));
    }

    /// <summary>A participant as they were on the day of the meeting: title and organisation then, not now.</summary>
    private static Participant AsParticipant(Person person, DateOnly heldOn, IReadOnlyDictionary<Guid, Organizations.Organization> names)
    {
        var post = person.PostOn(heldOn);
        var organizationId = post?.OrganizationId ?? person.OrganizationId;
        return new Participant(person.Id, person.Name, post?.Title ?? person.Title, names.RefTo(organizationId));
    }
}
