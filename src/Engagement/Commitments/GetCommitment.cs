using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.ReadModels;
using Engagement.Work;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Commitments;

public sealed record CommitmentView(Guid Id, Guid MeetingId, string MeetingTitle, DateOnly MadeOn, Ref Owner, string Description,
    DateOnly? DueOn, Guid? SuggestionId, CommitmentStatus Status, bool Overdue, IReadOnlyList<ProgressNote> Progress,
    DateOnly? ClosedOn, string? ClosingNote, DateOnly LastActivityOn, int Version, Ref? Responsible);

public static class GetCommitmentEndpoint
{
    /// <summary>The commitment now, or as it stood at the end of <c>asOf</c> with what had been recorded by <c>knownAt</c>.</summary>
    [WolverineGet("/api/commitments/{id}", Name = "GetCommitment"), Tags("Commitments")]
    [ProducesResponseType<CommitmentView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, string? asOf, string? knownAt, IQuerySession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Errors();
        var point = PointInTimeQuery.Parse(asOf, knownAt, clock.Today(), errors);
        if (errors.Any) return QueryProblem.From(errors);
        var live = await session.LoadAsync<Commitment>(id, ct);
        // As of a point: the commitment's own stream and those of its meeting and owner (which it never changes), folded.
        var history = point.IsLive || live is null ? null
            : await History.LoadStreamsAsync(session, point, [id, live.MeetingId, live.OwnerId], ct);
        var c = history is null ? point.IsLive ? live : null : history.Commitments.GetValueOrDefault(id);
        if (c is null) return Problem.NotFound("commitment", id).ToResult();
        var meeting = history is null ? await session.LoadAsync<Meeting>(c.MeetingId, ct) : history.Meetings.GetValueOrDefault(c.MeetingId);
        var names = history?.Organizations ?? await Names.OrganizationsAsync(session, [c.OwnerId], ct);
        Streams.SetETag(http, c.Version);
        return Results.Ok(new CommitmentView(c.Id, c.MeetingId, meeting?.Title ?? "(unknown)", c.MadeOn, names.RefTo(c.OwnerId),
            c.Description, c.DueOn, c.SuggestionId, c.Status, c.IsOverdueOn(point.AsOf), c.Progress, c.ClosedOn, c.ClosingNote,
            c.LastActivityOn, c.Version, Responsibles.RefTo(c.ResponsibleId, c.ResponsibleName)));
    }
}
