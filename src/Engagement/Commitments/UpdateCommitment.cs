using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Commitments;

public sealed record RecordProgress([Required] string? Note, DateOnly? NotedOn);

public sealed record ChangeDueDate([Required] DateOnly? DueOn, string? Reason);

public sealed record FulfilCommitment(string? Note, DateOnly? FulfilledOn);

public sealed record CancelCommitment([Required] string? Reason, DateOnly? CancelledOn);

/// <summary>The decisions on an open commitment: progress, a new due date, fulfilment, cancellation.</summary>
public static class CommitmentDecisions
{
    public static Decision Progress(Commitment c, RecordProgress command, DateOnly today) =>
        WhileOpen(c, "record progress on", command.NotedOn ?? today, "notedOn", on =>
            new CommitmentProgressed(c.Id, command.Note!.Trim(), on));

    public static Decision ChangeDueDate(Commitment c, ChangeDueDate command, DateOnly today)
    {
        if (c.Status != CommitmentStatus.Open)
            return Decision.Conflict($"Cannot change the due date of a commitment that is {c.Status.Kebab()}.");
        if (command.DueOn == c.DueOn) return Decision.Conflict($"The commitment is already due on {c.DueOn:yyyy-MM-dd}.");
        if (command.DueOn < c.MadeOn)
            return Decision.Invalid("dueOn", $"must not be before the commitment was made ({c.MadeOn:yyyy-MM-dd})");
        return WhileOpen(c, "change the due date of", today, "dueOn", on =>
            new CommitmentDueDateChanged(c.Id, command.DueOn, c.DueOn, command.Reason?.Trim(), on));
    }

    public static Decision Fulfil(Commitment c, FulfilCommitment command, DateOnly today) =>
        WhileOpen(c, "fulfil", command.FulfilledOn ?? today, "fulfilledOn", on =>
            new CommitmentFulfilled(c.Id, command.Note?.Trim(), on));

    public static Decision Cancel(Commitment c, CancelCommitment command, DateOnly today) =>
        WhileOpen(c, "cancel", command.CancelledOn ?? today, "cancelledOn", on =>
            new CommitmentCancelled(c.Id, command.Reason!.Trim(), on));

    private static Decision WhileOpen(Commitment c, string verb, DateOnly on, string field, Func<DateOnly, object> happened)
    {
        if (c.Status != CommitmentStatus.Open)
            return Decision.Conflict($"Cannot {verb} a commitment that is {c.Status.Kebab()}.");
        if (on < c.MadeOn) return Decision.Invalid(field, $"must not be before the commitment was made ({c.MadeOn:yyyy-MM-dd})");
        return Decision.Accept(happened(on));
    }
}

public static class RecordProgressEndpoint
{
    public static ProblemDetails Validate(RecordProgress command, TimeProvider clock) => new Errors()
        .Required("note", command.Note, Limits.Note).NotInFuture("notedOn", command.NotedOn, clock.Today()).ToProblemDetails();

    [WolverinePost("/api/commitments/{id}/progress", Name = "RecordCommitmentProgress"), Tags("Commitments")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, RecordProgress command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Commitment>(session, http, id, "commitment", c => CommitmentDecisions.Progress(c, command, clock.Today()), ct);
}

public static class ChangeDueDateEndpoint
{
    public static ProblemDetails Validate(ChangeDueDate command) => new Errors()
        .When(command.DueOn is null, "dueOn", "is required (yyyy-mm-dd)").Optional("reason", command.Reason, Limits.Note)
        .ToProblemDetails();

    [WolverinePost("/api/commitments/{id}/due-date", Name = "ChangeCommitmentDueDate"), Tags("Commitments")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ChangeDueDate command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Commitment>(session, http, id, "commitment", c => CommitmentDecisions.ChangeDueDate(c, command, clock.Today()), ct);
}

public static class FulfilCommitmentEndpoint
{
    public static ProblemDetails Validate(FulfilCommitment command, TimeProvider clock) => new Errors()
        .Optional("note", command.Note, Limits.Note).NotInFuture("fulfilledOn", command.FulfilledOn, clock.Today())
        .ToProblemDetails();

    [WolverinePost("/api/commitments/{id}/fulfilment", Name = "FulfilCommitment"), Tags("Commitments")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, FulfilCommitment command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Commitment>(session, http, id, "commitment", c => CommitmentDecisions.Fulfil(c, command, clock.Today()), ct);
}

public static class CancelCommitmentEndpoint
{
    public static ProblemDetails Validate(CancelCommitment command, TimeProvider clock) => new Errors()
        .Required("reason", command.Reason, Limits.Note).NotInFuture("cancelledOn", command.CancelledOn, clock.Today())
        .ToProblemDetails();

    [WolverinePost("/api/commitments/{id}/cancellation", Name = "CancelCommitment"), Tags("Commitments")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, CancelCommitment command, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Commitment>(session, http, id, "commitment", c => CommitmentDecisions.Cancel(c, command, clock.Today()), ct);
}
