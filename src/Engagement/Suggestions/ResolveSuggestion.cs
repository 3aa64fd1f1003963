using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Suggestions;

public sealed record ResolveSuggestion([Required] SuggestionOutcome? Outcome, string? Note, DateOnly? ResolvedOn);

public static class ResolveSuggestionEndpoint
{
    public static ProblemDetails Validate(ResolveSuggestion command, TimeProvider clock) => new Errors()
        .When(command.Outcome is null, "outcome", "is required: adopted, partially-adopted, declined or withdrawn")
        .Optional("note", command.Note, Limits.Note)
        .NotInFuture("resolvedOn", command.ResolvedOn, clock.Today())
        .ToProblemDetails();

    public static Decision Decide(Suggestion suggestion, ResolveSuggestion command, DateOnly today)
    {
        if (suggestion.Status == SuggestionStatus.Resolved)
            return Decision.Conflict($"The suggestion is already resolved ({suggestion.Outcome.Kebab()}); reopen it first to resolve it again.");
        var resolvedOn = command.ResolvedOn ?? today;
        if (resolvedOn < suggestion.LastActivityOn)
            return Decision.Invalid("resolvedOn", $"must not be before the suggestion's last activity ({suggestion.LastActivityOn:yyyy-MM-dd})");
        return Decision.Accept(new SuggestionResolved(suggestion.Id, command.Outcome!.Value, command.Note?.Trim(), resolvedOn));
    }

    [WolverinePost("/api/suggestions/{id}/resolution", Name = "ResolveSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ResolveSuggestion command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Suggestion>(session, http, id, "suggestion", s => Decide(s, command, clock.Today()), ct);
}
