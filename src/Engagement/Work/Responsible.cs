using System.ComponentModel.DataAnnotations;
using Engagement.Access;
using Engagement.Access.Users;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Work;

/// <summary>Makes a staff user responsible for an ask or a commitment (in place of whoever was).</summary>
public sealed record AssignResponsible([Required] Guid? ResponsibleId);

/// <summary>Who may be responsible for an item: a person who signs in, active, with the staff or admin role.</summary>
public static class Responsibles
{
    public static bool MayBeResponsible(User user) =>
        user.Status == UserStatus.Active && user.Role is Role.Staff or Role.Admin;

    public static async Task<ProblemDetails> ValidateAsync(AssignResponsible command, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors();
        if (command.ResponsibleId is not { } id || id == Guid.Empty) errors.Add("responsibleId", "is required");
        else if (await session.LoadAsync<User>(id, ct) is not { } user) errors.Add("responsibleId", "no user with this id");
        else if (user.Status == UserStatus.Deactivated) errors.Add("responsibleId", "is deactivated");
        else if (user.Status == UserStatus.Invited) errors.Add("responsibleId", "has not accepted the invitation yet");
        else if (!MayBeResponsible(user)) errors.Add("responsibleId", "must have the staff or admin role");
        return errors.ToProblemDetails();
    }

    /// <summary>The responsible user as answers show them, with the name the assignment recorded; null when no one is.</summary>
    public static Ref? RefTo(Guid? id, string? name) => id is { } user ? new Ref(user, name ?? "(unknown)") : null;

    /// <summary>The user named by a command that passed <see cref="ValidateAsync"/>.</summary>
    public static async Task<User> LoadAsync(AssignResponsible command, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<User>(command.ResponsibleId!.Value, ct)
        ?? throw new InvalidOperationException("The responsible user was validated but is gone.");
}
