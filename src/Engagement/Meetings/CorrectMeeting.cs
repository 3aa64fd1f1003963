using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Meetings;

/// <summary>Only the fields given change; the reason is kept with the correction.</summary>
public sealed record CorrectMeeting(string? Title, string? Location, IReadOnlyList<string>? Topics, string? Summary,
    string? SourceUrl, [Required] string? Reason);

public static class CorrectMeetingEndpoint
{
    public static ProblemDetails Validate(CorrectMeeting command) => new Errors()
        .Required("reason", command.Reason, Limits.Note)
        .When(command.Title is not null && string.IsNullOrWhiteSpace(command.Title), "title", "must not be blank")
        .Optional("title", command.Title, Limits.Title)
        .Optional("location", command.Location, Limits.Title)
        .Optional("summary", command.Summary, Limits.Text)
        .Url("sourceUrl", command.SourceUrl)
        .TopicList("topics", command.Topics)
        .ToProblemDetails();

    public static Decision Decide(Meeting meeting, CorrectMeeting command, DateOnly today)
    {
        var topics = command.Topics is null ? null : Topics.Normalize(command.Topics);
        var changes = command.Title?.Trim() is { } t && t != meeting.Title
            || command.Location?.Trim() is { } l && l != meeting.Location
            || topics is not null && !topics.SequenceEqual(meeting.Topics)
            || command.Summary?.Trim() is { } s && s != meeting.Summary
            || command.SourceUrl is { } u && u != meeting.SourceUrl;
        if (!changes) return Decision.Invalid("", "The correction changes nothing: give at least one field with a new value.");
        return Decision.Accept(new MeetingCorrected(meeting.Id, command.Title?.Trim(), command.Location?.Trim(), topics,
            command.Summary?.Trim(), command.SourceUrl, command.Reason!.Trim(), today));
    }

    [WolverinePost("/api/meetings/{id}/corrections", Name = "CorrectMeeting"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, CorrectMeeting command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Meeting>(session, http, id, "meeting", meeting => Decide(meeting, command, clock.Today()), ct);
}
