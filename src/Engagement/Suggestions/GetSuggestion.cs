using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.ReadModels;
using Engagement.Work;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Suggestions;

public sealed record SuggestionView(Guid Id, Guid MeetingId, string MeetingTitle, DateOnly RaisedOn, Ref RaisedBy, Ref AddressedTo,
    string? Topic, string Text, SuggestionStatus Status, SuggestionOutcome? Outcome, string? ResolutionNote, DateOnly? ResolvedOn,
    IReadOnlyList<SuggestionResponse> Responses, DateOnly LastActivityOn, int Version, Ref? Responsible, DateOnly? FollowUpOn);

public static class GetSuggestionEndpoint
{
    /// <summary>The suggestion now, or as it stood at the end of <c>asOf</c> with what had been recorded by <c>knownAt</c>.</summary>
    [WolverineGet("/api/suggestions/{id}", Name = "GetSuggestion"), Tags("Suggestions")]
    [ProducesResponseType<SuggestionView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, string? asOf, string? knownAt, IQuerySession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);
        var live = await session.LoadAsync<Suggestion>(id, ct);
        // As of a point: the ask's own stream and those of its meeting and organisations (which it never changes), folded.
        var history = point.IsLive || live is null ? null
            : await History.LoadStreamsAsync(session, point, [id, live.MeetingId, live.RaisedById, live.AddressedToId], ct);
        var s = history is null ? point.IsLive ? live : null : history.Suggestions.GetValueOrDefault(id);
        if (s is null) return Problem.NotFound("suggestion", id).ToResult();
        var meeting = history is null ? await session.LoadAsync<Meeting>(s.MeetingId, ct) : history.Meetings.GetValueOrDefault(s.MeetingId);
        var names = history?.Organizations ?? await Names.OrganizationsAsync(session, [s.RaisedById, s.AddressedToId], ct);
        Streams.SetETag(http, s.Version);
        return Results.Ok(new SuggestionView(s.Id, s.MeetingId, meeting?.Title ?? "(unknown)", s.RaisedOn, names.RefTo(s.RaisedById),
            names.RefTo(s.AddressedToId), s.Topic, s.Text, s.Status, s.Outcome, s.ResolutionNote, s.ResolvedOn, s.Responses,
            s.LastActivityOn, s.Version, Responsibles.RefTo(s.ResponsibleId, s.ResponsibleName), s.FollowUpOn));
    }
}
