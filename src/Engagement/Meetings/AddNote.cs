using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Wolverine.Http;

namespace Engagement.Meetings;

public sealed record AddNote([Required] string? Text, DateOnly? NotedOn);

public static class AddNoteEndpoint
{
    public static ProblemDetails Validate(AddNote command, TimeProvider clock) => new Errors()
        .Required("text", command.Text, Limits.Note)
        .NotInFuture("notedOn", command.NotedOn, clock.Today())
        .ToProblemDetails();

    public static Decision Decide(Meeting meeting, AddNote command, DateOnly today)
    {
        var notedOn = command.NotedOn ?? today;
        if (notedOn < meeting.HeldOn) return Decision.Invalid("notedOn", $"must not be before the meeting ({meeting.HeldOn:yyyy-MM-dd})");
        return Decision.Accept(new MeetingNoteAdded(meeting.Id, Guid.CreateVersion7(), command.Text!.Trim(), notedOn));
    }

    [WolverinePost("/api/meetings/{id}/notes", Name = "AddMeetingNote"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, AddNote command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct) =>
        Streams.Append<Meeting>(session, http, id, "meeting", meeting => Decide(meeting, command, clock.Today()), ct);
}
