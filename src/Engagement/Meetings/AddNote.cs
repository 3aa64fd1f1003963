using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.People;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Wolverine.Http;

namespace Engagement.Meetings;

/// <summary><c>mentions</c>: the people the note names (person ids), so that erasing one masks their name in it.</summary>
public sealed record AddNote([Required] string? Text, DateOnly? NotedOn, IReadOnlyList<Guid>? Mentions = null);

public static class AddNoteEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(AddNote command, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Errors()
            .Required("text", command.Text, Limits.Note)
            .NotInFuture("notedOn", command.NotedOn, clock.Today());
        await errors.AllExistingAsync<Person>(session, "mentions", command.Mentions, "person", p => p.Id, ct);
        return errors.Any ? errors.ToProblemDetails() : await PersonalData.RefuseErasedAsync(session, "mentions", command.Mentions, ct);
    }

    public static Decision Decide(Meeting meeting, AddNote command, DateOnly today)
    {
        var notedOn = command.NotedOn ?? today;
        if (notedOn < meeting.HeldOn) return Decision.Invalid("notedOn", $"must not be before the meeting ({meeting.HeldOn:yyyy-MM-dd})");
        return Decision.Accept(new MeetingNoteAdded(meeting.Id, Guid.CreateVersion7(), command.Text!.Trim(), notedOn,
            command.Mentions is { Count: > 0 } mentions ? [.. mentions.Distinct()] : null));
    }

    [WolverinePost("/api/meetings/{id}/notes", Name = "AddMeetingNote"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, AddNote command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct) =>
        Streams.Append<Meeting>(session, http, id, "meeting", meeting => Decide(meeting, command, clock.Today()), ct);
}
