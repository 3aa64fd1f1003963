using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.Organizations;
using Engagement.People;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Meetings;

public sealed record LogMeeting([Required] string? Title, [Required] DateOnly? HeldOn, string? Location,
    [Required] IReadOnlyList<Guid>? OrganizationIds,
    IReadOnlyList<Guid>? ParticipantIds, IReadOnlyList<string>? Topics, string? Summary, string? SourceUrl);

public static class LogMeetingEndpoint
{
    /// <summary>The field rules, shared with the CSV import (which finds the organisations and participants itself).</summary>
    public static Errors Check(LogMeeting command, DateOnly today) => new Errors()
        .Required("title", command.Title, Limits.Title)
        .When(command.HeldOn is null, "heldOn", "is required (yyyy-mm-dd)")
        .NotInFuture("heldOn", command.HeldOn, today)
        .Optional("location", command.Location, Limits.Title)
        .Optional("summary", command.Summary, Limits.Text)
        .Url("sourceUrl", command.SourceUrl)
        .When(command.OrganizationIds is not { Count: > 0 }, "organizationIds", "must name at least one organisation")
        .TopicList("topics", command.Topics);

    public static async Task<ProblemDetails> ValidateAsync(LogMeeting command, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = Check(command, clock.Today());
        await errors.AllCurrentOrganizationsAsync(session, "organizationIds", command.OrganizationIds, ct);
        await errors.AllExistingAsync<Person>(session, "participantIds", command.ParticipantIds, "person", p => p.Id, ct);
        return errors.Any ? errors.ToProblemDetails() : await PersonalData.RefuseErasedAsync(session, "participantIds", command.ParticipantIds, ct);
    }

    public static MeetingLogged Logged(LogMeeting command, Guid id) => new(id, command.Title!.Trim(), command.HeldOn!.Value,
        command.Location?.Trim(), command.OrganizationIds!, command.ParticipantIds ?? [], Topics.Normalize(command.Topics),
        command.Summary?.Trim(), command.SourceUrl);

    [WolverinePost("/api/meetings", Name = "LogMeeting"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(LogMeeting command, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        return Streams.Start<Meeting>(session, http, $"/api/meetings/{id}", id, [Logged(command, id)], ct);
    }
}

public static class TopicValidation
{
    public static Errors TopicList(this Errors errors, string field, IReadOnlyList<string>? topics)
    {
        if (topics is null) return errors;
        if (topics.Count > Limits.Topics) return errors.Add(field, $"must have at most {Limits.Topics} entries");
        for (var i = 0; i < topics.Count; i++) errors.Required($"{field}[{i}]", topics[i], Limits.Topic);
        return errors;
    }
}
