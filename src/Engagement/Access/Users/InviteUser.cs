using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Engagement.Access.Users;

public sealed record InviteUser([Required] string? Name, [Required] string? Email, [Required] Role? Role);

/// <summary>The answer to an invitation: the one-time link is in this answer only (the store keeps its hash).</summary>
public sealed record Invitation(Guid Id, long Version, string InvitationUrl);

public static class InviteUserEndpoint
{
    public const int EmailLength = 254;

    public static async Task<ProblemDetails> ValidateAsync(InviteUser command, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors().Required("name", command.Name, Limits.Name).Email(command.Email).UserRole(command.Role);
        if (!errors.Any && await session.Query<User>().AnyAsync(u => u.EmailKey == Accounts.EmailKey(command.Email!), ct))
            errors.Add("email", "a user already has this email; reactivate that user, or issue them a new invitation");
        return errors.ToProblemDetails();
    }

    [WolverinePost("/api/users", Name = "InviteUser"), Tags("Users")]
    [ProducesResponseType<Invitation>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Invite(InviteUser command, IDocumentSession session, HttpContext http, TimeProvider clock,
        UserRules rules, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var token = Accounts.NewInvitationToken();
        var now = clock.GetUtcNow();
        session.Events.StartStream<User>(id, new UserInvited(id, command.Name!.Trim(), command.Email!.Trim(), command.Role!.Value,
            Accounts.HashToken(token), now, now + rules.InvitationValidFor));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or
                                      PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two invitations of one address at the same moment: the unique index lets one through.
            return Problem.Invalid("email", "a user already has this email").ToResult();
        }
        Streams.SetETag(http, 1);
        return Results.Created($"/api/users/{id}", new Invitation(id, 1, Accounts.InvitationPath + token));
    }
}

public static class ReissueInvitationEndpoint
{
    public static Decision Decide(User user, string tokenHash, DateTimeOffset expiresAt) => user.Deactivated
        ? Decision.Conflict("The user is deactivated; reactivate them first.")
        : Decision.Accept(new UserInvitationReissued(user.Id, tokenHash, expiresAt));

    /// <summary>
    /// A fresh one-time link; the earlier one stops working. For a user who already has a password it is a password
    /// reset: setting a new one ends the sessions opened with the old.
    /// </summary>
    [WolverinePost("/api/users/{id}/invitation", Name = "ReissueInvitation"), Tags("Users")]
    [ProducesResponseType<Invitation>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Reissue(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, UserRules rules,
        CancellationToken ct)
    {
        var token = Accounts.NewInvitationToken();
        var result = await Streams.Append<User>(session, http, id, "user",
            user => Decide(user, Accounts.HashToken(token), clock.GetUtcNow() + rules.InvitationValidFor), ct);
        return result is IValueHttpResult { Value: Written written } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
            ? Results.Ok(new Invitation(written.Id, written.Version, Accounts.InvitationPath + token))
            : result;
    }
}

public static class UserValidation
{
    public static Errors Email(this Errors errors, string? email)
    {
        errors.Required("email", email, EmailLength);
        if (string.IsNullOrWhiteSpace(email) || errors.ToDictionary().ContainsKey("email")) return errors;
        var trimmed = email.Trim();
        return errors.When(!System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed
                           || parsed.Host.Length == 0 || trimmed.Any(char.IsWhiteSpace),
            "email", "must be an email address, such as name@example.org");
    }

    public static Errors UserRole(this Errors errors, Role? role) =>
        errors.When(role is null || !Accounts.Roles.Contains(role.Value), "role", "is required: viewer, staff or admin");

    private const int EmailLength = InviteUserEndpoint.EmailLength;
}
