using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Suggestions;

public sealed record ReopenSuggestion([Required] string? Reason, DateOnly? ReopenedOn);

public static class ReopenSuggestionEndpoint
{
    public static ProblemDetails Validate(ReopenSuggestion command, TimeProvider clock) => new Errors()
        .Required("reason", command.Reason, Limits.Note)
        .NotInFuture("reopenedOn", command.ReopenedOn, clock.Today())
        .ToProblemDetails();

    public static Decision Decide(Suggestion suggestion, ReopenSuggestion command, DateOnly today)
    {
        if (suggestion.Status != SuggestionStatus.Resolved)
            return Decision.Conflict("Only a resolved suggestion can be reopened; this one is still " +
                                     (suggestion.Status == SuggestionStatus.Open ? "open." : "answered."));
        var reopenedOn = command.ReopenedOn ?? today;
        if (reopenedOn < suggestion.ResolvedOn)
            return Decision.Invalid("reopenedOn", $"must not be before the resolution ({suggestion.ResolvedOn:yyyy-MM-dd})");
        return Decision.Accept(new SuggestionReopened(suggestion.Id, command.Reason!.Trim(), reopenedOn));
    }

    [WolverinePost("/api/suggestions/{id}/reopening", Name = "ReopenSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReopenSuggestion command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Suggestion>(session, http, id, "suggestion", s => Decide(s, command, clock.Today()), ct);
}
