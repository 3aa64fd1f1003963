using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Suggestions;

public sealed record ScheduleFollowUp([Required] DateOnly? FollowUpOn);

public static class ScheduleFollowUpEndpoint
{
    public static ProblemDetails Validate(ScheduleFollowUp command) => new Errors()
        .When(command.FollowUpOn is null, "followUpOn", "is required (yyyy-mm-dd)").ToProblemDetails();

    public static Decision Schedule(Suggestion suggestion, ScheduleFollowUp command, DateOnly today)
    {
        if (suggestion.Status == SuggestionStatus.Resolved)
            return Decision.Conflict("The suggestion is resolved, so there is nothing to follow up; reopen it first.");
        var on = command.FollowUpOn!.Value;
        if (on < today) return Decision.Invalid("followUpOn", $"must not be before today ({today:yyyy-MM-dd})");
        if (on == suggestion.FollowUpOn) return Decision.Conflict($"The next follow-up is already on {on:yyyy-MM-dd}.");
        return Decision.Accept(new SuggestionFollowUpScheduled(suggestion.Id, on, suggestion.FollowUpOn, today));
    }

    public static Decision Clear(Suggestion suggestion, DateOnly today) => suggestion.FollowUpOn is { } planned
        ? Decision.Accept(new SuggestionFollowUpCleared(suggestion.Id, planned, today))
        : Decision.Conflict("The suggestion has no follow-up date to clear.");

    /// <summary>Sets the day of the next follow-up (today or later), or moves it; the reminder follows the date.</summary>
    [WolverinePost("/api/suggestions/{id}/follow-up", Name = "ScheduleFollowUp"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ScheduleFollowUp command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct) =>
        Streams.Append<Suggestion>(session, http, id, "suggestion", s => Schedule(s, command, clock.Today()), ct);
}

public static class ClearFollowUpEndpoint
{
    /// <summary>Leaves the suggestion without a next follow-up date.</summary>
    [WolverineDelete("/api/suggestions/{id}/follow-up", Name = "ClearFollowUp"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Suggestion>(session, http, id, "suggestion", s => ScheduleFollowUpEndpoint.Clear(s, clock.Today()), ct);
}
