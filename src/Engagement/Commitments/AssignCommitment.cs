using Engagement.Access.Users;
using Engagement.Infrastructure;
using Engagement.Work;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Commitments;

public static class AssignCommitmentEndpoint
{
    public static Task<ProblemDetails> ValidateAsync(AssignResponsible command, IQuerySession session, CancellationToken ct) =>
        Responsibles.ValidateAsync(command, session, ct);

    public static Decision Assign(Commitment commitment, User user, DateOnly today)
    {
        if (commitment.Status != CommitmentStatus.Open)
            return Decision.Conflict($"The commitment is {commitment.Status.Kebab()}, so there is nothing left to see through.");
        if (commitment.ResponsibleId == user.Id) return Decision.Conflict($"{user.Name} is already responsible for this commitment.");
        return Decision.Accept(new CommitmentResponsibleAssigned(commitment.Id, user.Id, user.Name, commitment.ResponsibleId, today));
    }

    public static Decision Unassign(Commitment commitment, DateOnly today) => commitment.ResponsibleId is { } responsible
        ? Decision.Accept(new CommitmentResponsibleUnassigned(commitment.Id, responsible, today))
        : Decision.Conflict("No one is responsible for this commitment.");

    /// <summary>Makes a staff user (active, staff or admin) responsible for the open commitment, in place of whoever was.</summary>
    [WolverinePost("/api/commitments/{id}/responsible", Name = "AssignCommitment"), Tags("Commitments")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(Guid id, AssignResponsible command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var user = await Responsibles.LoadAsync(command, session, ct);
        return await Streams.Append<Commitment>(session, http, id, "commitment", c => Assign(c, user, clock.Today()), ct);
    }
}

public static class UnassignCommitmentEndpoint
{
    /// <summary>Leaves the commitment with no one responsible for it.</summary>
    [WolverineDelete("/api/commitments/{id}/responsible", Name = "UnassignCommitment"), Tags("Commitments")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Commitment>(session, http, id, "commitment", c => AssignCommitmentEndpoint.Unassign(c, clock.Today()), ct);
}
