using Engagement.Access.Users;
using Engagement.Infrastructure;
using Engagement.Work;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Suggestions;

public static class AssignSuggestionEndpoint
{
    public static Task<ProblemDetails> ValidateAsync(AssignResponsible command, IQuerySession session, CancellationToken ct) =>
        Responsibles.ValidateAsync(command, session, ct);

    public static Decision Assign(Suggestion suggestion, User user, DateOnly today)
    {
        if (suggestion.Status == SuggestionStatus.Resolved)
            return Decision.Conflict("The suggestion is resolved, so there is nothing to follow up; reopen it first.");
        if (suggestion.ResponsibleId == user.Id) return Decision.Conflict($"{user.Name} is already responsible for this suggestion.");
        return Decision.Accept(new SuggestionResponsibleAssigned(suggestion.Id, user.Id, user.Name, suggestion.ResponsibleId, today));
    }

    public static Decision Unassign(Suggestion suggestion, DateOnly today) => suggestion.ResponsibleId is { } responsible
        ? Decision.Accept(new SuggestionResponsibleUnassigned(suggestion.Id, responsible, today))
        : Decision.Conflict("No one is responsible for this suggestion.");

    /// <summary>Makes a staff user (active, staff or admin) responsible for the suggestion, in place of whoever was.</summary>
    [WolverinePost("/api/suggestions/{id}/responsible", Name = "AssignSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(Guid id, AssignResponsible command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var user = await Responsibles.LoadAsync(command, session, ct);
        return await Streams.Append<Suggestion>(session, http, id, "suggestion", s => Assign(s, user, clock.Today()), ct);
    }
}

public static class UnassignSuggestionEndpoint
{
    /// <summary>Leaves the suggestion with no one responsible for it.</summary>
    [WolverineDelete("/api/suggestions/{id}/responsible", Name = "UnassignSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Suggestion>(session, http, id, "suggestion", s => AssignSuggestionEndpoint.Unassign(s, clock.Today()), ct);
}
