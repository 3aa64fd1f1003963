using Engagement.Infrastructure;
using Engagement.Meetings;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Suggestions;

public sealed record SuggestionView(Guid Id, Guid MeetingId, string MeetingTitle, DateOnly RaisedOn, Ref RaisedBy, Ref AddressedTo,
    string? Topic, string Text, SuggestionStatus Status, SuggestionOutcome? Outcome, string? ResolutionNote, DateOnly? ResolvedOn,
    IReadOnlyList<SuggestionResponse> Responses, DateOnly LastActivityOn, int Version);

public static class GetSuggestionEndpoint
{
    [WolverineGet("/api/suggestions/{id}", Name = "GetSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<SuggestionView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var s = await session.LoadAsync<Suggestion>(id, ct);
        if (s is null) return Problem.NotFound("suggestion", id).ToResult();
        var meeting = await session.LoadAsync<Meeting>(s.MeetingId, ct);
        var names = await Names.OrganizationsAsync(session, [s.RaisedById, s.AddressedToId], ct);
        Streams.SetETag(http, s.Version);
        return Results.Ok(new SuggestionView(s.Id, s.MeetingId, meeting?.Title ?? "(unknown)", s.RaisedOn, names.RefTo(s.RaisedById),
            names.RefTo(s.AddressedToId), s.Topic, s.Text, s.Status, s.Outcome, s.ResolutionNote, s.ResolvedOn, s.Responses,
            s.LastActivityOn, s.Version));
    }
}
