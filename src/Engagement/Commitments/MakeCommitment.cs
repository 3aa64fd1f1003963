using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.Suggestions;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Commitments;

public sealed record MakeCommitment([Required] Guid? OwnerId, [Required] string? Description, DateOnly? DueOn, Guid? SuggestionId);

public static class MakeCommitmentEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(MakeCommitment command, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors().Required("description", command.Description, Limits.Text);
        await errors.CurrentOrganizationAsync(session, "ownerId", command.OwnerId, ct);
        if (command.SuggestionId is not null)
            await errors.ExistingAsync<Suggestion>(session, "suggestionId", command.SuggestionId, "suggestion", ct);
        return errors.ToProblemDetails();
    }

    public static Decision Decide(Meeting meeting, Guid commitmentId, MakeCommitment command)
    {
        if (command.DueOn < meeting.HeldOn)
            return Decision.Invalid("dueOn", $"must not be before the meeting ({meeting.HeldOn:yyyy-MM-dd})");
        return Decision.Accept(new CommitmentMade(commitmentId, meeting.Id, command.OwnerId!.Value, command.Description!.Trim(),
            command.DueOn, command.SuggestionId, meeting.HeldOn));
    }

    [WolverinePost("/api/meetings/{id}/commitments", Name = "MakeCommitment"), Tags("Commitments")]
    [ProducesResponseType<Written>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(Guid id, MakeCommitment command, IDocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var meeting = await session.LoadAsync<Meeting>(id, ct);
        if (meeting is null) return Problem.NotFound("meeting", id).ToResult();
        var commitmentId = Guid.CreateVersion7();
        var decision = Decide(meeting, commitmentId, command);
        if (decision.Rejection is { } problem) return problem.ToResult();
        return await Streams.Start<Commitment>(session, http, $"/api/commitments/{commitmentId}", commitmentId, decision.Events, ct);
    }
}
