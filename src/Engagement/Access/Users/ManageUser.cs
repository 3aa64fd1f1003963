using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Access.Users;

public sealed record DeactivateUser(string? Reason);

public sealed record ChangeUserRole([Required] Role? Role);

/// <summary>What an administrator may do to a user; <paramref name="lastAdmin"/> is <see cref="LastAdmin.IsLastAfterTurnAsync"/> for the user.</summary>
public static class UserDecisions
{
    public static Decision Deactivate(User user, DeactivateUser command, bool lastAdmin)
    {
        if (user.Deactivated) return Decision.Conflict("The user is already deactivated.");
        if (HoldsLastAdmin(user, lastAdmin)) return new Decision([], LastAdmin.Refusal);
        return Decision.Accept(new UserDeactivated(user.Id, string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim()));
    }

    public static Decision Reactivate(User user) => user.Deactivated
        ? Decision.Accept(new UserReactivated(user.Id))
        : Decision.Conflict($"The user is not deactivated; they are {user.Status.Kebab()}.");

    public static Decision ChangeRole(User user, ChangeUserRole command, bool lastAdmin)
    {
        var role = command.Role!.Value;
        if (user.Role == role) return Decision.Conflict($"The user is already {role.Kebab()}.");
        if (user.Deactivated) return Decision.Conflict("The user is deactivated; reactivate them first.");
        if (role != Role.Admin && HoldsLastAdmin(user, lastAdmin)) return new Decision([], LastAdmin.Refusal);
        return Decision.Accept(new UserRoleChanged(user.Id, role));
    }

    private static bool HoldsLastAdmin(User user, bool lastAdmin) => lastAdmin && user is { Role: Role.Admin, Status: UserStatus.Active };
}

public static class DeactivateUserEndpoint
{
    public static ProblemDetails Validate(DeactivateUser command) => new Errors().Optional("reason", command.Reason, Limits.Note).ToProblemDetails();

    /// <summary>The user's sessions end at once: the next request from one is refused.</summary>
    [WolverinePost("/api/users/{id}/deactivation", Name = "DeactivateUser"), Tags("Users")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Deactivate(Guid id, DeactivateUser command, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        Streams.Append<User>(session, http, id, "user",
            async user => UserDecisions.Deactivate(user, command, await LastAdmin.IsLastAfterTurnAsync(session, user.Id, ct)), ct);
}

public static class ReactivateUserEndpoint
{
    [WolverinePost("/api/users/{id}/reactivation", Name = "ReactivateUser"), Tags("Users")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Reactivate(Guid id, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        Streams.Append<User>(session, http, id, "user", UserDecisions.Reactivate, ct);
}

public static class ChangeUserRoleEndpoint
{
    public static ProblemDetails Validate(ChangeUserRole command) => new Errors().UserRole(command.Role).ToProblemDetails();

    /// <summary>Takes effect on the user's next request, sessions included.</summary>
    [WolverinePost("/api/users/{id}/role", Name = "ChangeUserRole"), Tags("Users")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Change(Guid id, ChangeUserRole command, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        Streams.Append<User>(session, http, id, "user",
            async user => UserDecisions.ChangeRole(user, command, await LastAdmin.IsLastAfterTurnAsync(session, user.Id, ct)), ct);
}
