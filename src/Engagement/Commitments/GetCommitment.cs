using Engagement.Infrastructure;
using Engagement.Meetings;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Commitments;

public sealed record CommitmentView(Guid Id, Guid MeetingId, string MeetingTitle, DateOnly MadeOn, Ref Owner, string Description,
    DateOnly? DueOn, Guid? SuggestionId, CommitmentStatus Status, bool Overdue, IReadOnlyList<ProgressNote> Progress,
    DateOnly? ClosedOn, string? ClosingNote, DateOnly LastActivityOn, int Version);

public static class GetCommitmentEndpoint
{
    [WolverineGet("/api/commitments/{id}", Name = "GetCommitment"), Tags("Commitments")]
    [ProducesResponseType<CommitmentView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var c = await session.LoadAsync<Commitment>(id, ct);
        if (c is null) return Problem.NotFound("commitment", id).ToResult();
        var meeting = await session.LoadAsync<Meeting>(c.MeetingId, ct);
        var names = await Names.OrganizationsAsync(session, [c.OwnerId], ct);
        Streams.SetETag(http, c.Version);
        return Results.Ok(new CommitmentView(c.Id, c.MeetingId, meeting?.Title ?? "(unknown)", c.MadeOn, names.RefTo(c.OwnerId),
            c.Description, c.DueOn, c.SuggestionId, c.Status, c.IsOverdueOn(clock.Today()), c.Progress, c.ClosedOn, c.ClosingNote,
            c.LastActivityOn, c.Version));
    }
}
