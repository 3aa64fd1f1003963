using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Suggestions;

public sealed record RespondToSuggestion([Required] string? Text, DateOnly? RespondedOn);

public static class RespondToSuggestionEndpoint
{
    public static ProblemDetails Validate(RespondToSuggestion command, TimeProvider clock) => new Errors()
        .Required("text", command.Text, Limits.Text)
        .NotInFuture("respondedOn", command.RespondedOn, clock.Today())
        .ToProblemDetails();

    public static Decision Decide(Suggestion suggestion, RespondToSuggestion command, DateOnly today)
    {
        if (suggestion.Status == SuggestionStatus.Resolved)
            return Decision.Conflict("The suggestion is resolved; reopen it before recording another response.");
        var respondedOn = command.RespondedOn ?? today;
        if (respondedOn < suggestion.RaisedOn)
            return Decision.Invalid("respondedOn", $"must not be before the suggestion was raised ({suggestion.RaisedOn:yyyy-MM-dd})");
        return Decision.Accept(new SuggestionResponded(suggestion.Id, Guid.CreateVersion7(), command.Text!.Trim(), respondedOn));
    }

    [WolverinePost("/api/suggestions/{id}/responses", Name = "RespondToSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, RespondToSuggestion command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Suggestion>(session, http, id, "suggestion", s => Decide(s, command, clock.Today()), ct);
}
