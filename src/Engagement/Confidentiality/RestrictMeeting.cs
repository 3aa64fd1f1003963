using System.ComponentModel.DataAnnotations;
using Engagement.Access;
using Engagement.Access.Users;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Work;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Confidentiality;

/// <summary>Restricts a meeting or a note to the staff users listed (the caller is added), or changes who they are.</summary>
public sealed record RestrictAccess([Required] IReadOnlyList<Guid>? AllowedUserIds, string? Reason);

/// <summary>Who asks: a signed-in user (who may be cleared) or a key or token (never cleared), and whether an administrator.</summary>
public sealed record Caller(Guid? UserId, bool IsAdmin)
{
    public static Caller Of(HttpContext http) => new(Redaction.UserOf(http.User), http.User.IsInRole(Role.Admin.Kebab()));
}

public static class RestrictMeetingEndpoint
{
    public const int ReasonLength = 1_000;

    public static async Task<ProblemDetails> ValidateAsync(RestrictAccess command, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors().Optional("reason", command.Reason, ReasonLength);
        if (command.AllowedUserIds is not { } ids) return errors.Add("allowedUserIds", "is required (the users who may see it)").ToProblemDetails();
        if (ids.Count > Limits.References) errors.Add("allowedUserIds", $"must name at most {Limits.References} users");
        if (ids.Distinct().Count() != ids.Count) errors.Add("allowedUserIds", "must not name the same user twice");
        var users = await session.LoadManyAsync<User>(ct, ids.Distinct());
        for (var i = 0; i < ids.Count; i++)
        {
            var field = $"allowedUserIds[{i}]";
            if (users.FirstOrDefault(u => u.Id == ids[i]) is not { } user) errors.Add(field, "no user with this id");
            else if (user.Status == UserStatus.Deactivated) errors.Add(field, "is deactivated");
            else if (user.Status == UserStatus.Invited) errors.Add(field, "has not accepted the invitation yet");
            else if (!Responsibles.MayBeResponsible(user)) errors.Add(field, "must have the staff or admin role");
        }
        return errors.ToProblemDetails();
    }

    private static Decision Forbidden(string detail) =>
        new([], new Problem(StatusCodes.Status403Forbidden, "Not cleared for this restriction", detail));

    /// <summary>
    /// Marks, changes or (with <paramref name="allowed"/> null) lifts the restriction of the meeting or of its note
    /// <paramref name="noteId"/>. Only someone it allows may change it, and an administrator always may, so no restriction
    /// is ever left that no one can lift.
    /// </summary>
    public static Decision Decide(Meeting meeting, MeetingConfidentiality? current, Guid? noteId, IReadOnlyList<Guid>? allowed,
        string? reason, Caller caller)
    {
        if (noteId is { } note && meeting.Notes.All(n => n.Id != note)) return new([], Problem.NotFound("note of this meeting", note));
        var what = noteId is null ? "meeting" : "note";
        var existing = current?.Of(noteId);
        if (!caller.IsAdmin)
        {
            if (noteId is not null && current?.Meeting is { } whole && !whole.Allows(caller.UserId))
                return Forbidden("The meeting is restricted and you are not among those who may see it.");
            if (existing is not null && !existing.Allows(caller.UserId))
                return Forbidden($"Only a user the {what}'s restriction allows, or an administrator, may change it.");
            if (existing is null && caller.UserId is null)
                return Forbidden("An API key is never cleared to see restricted records, so it cannot restrict one; sign in as a staff user.");
        }

        if (allowed is null)
            return existing is null
                ? Decision.Conflict($"The {what} is not restricted.")
                : Decision.Accept(new MeetingRestrictionLifted(meeting.Id, noteId));

        var users = allowed.Concat(caller.UserId is { } me ? [me] : Array.Empty<Guid>()).Distinct().ToList();
        if (users.Count == 0) return Decision.Invalid("allowedUserIds", "must name at least one user who may see it");
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (existing is null) return Decision.Accept(new MeetingRestricted(meeting.Id, noteId, users, why));
        if (existing.AllowedUserIds.ToHashSet().SetEquals(users) && existing.Reason == why)
            return Decision.Conflict($"The {what} is already restricted to exactly these users.");
        return Decision.Accept(new MeetingRestrictionChanged(meeting.Id, noteId, users, why));
    }

    public static async Task<IResult> Write(Guid id, Guid? noteId, RestrictAccess? command, IDocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var current = await session.LoadAsync<MeetingConfidentiality>(id, ct);
        var caller = Caller.Of(http);
        return await Streams.Append<Meeting>(session, http, id, "meeting",
            meeting => Decide(meeting, current, noteId, command?.AllowedUserIds, command?.Reason, caller), ct);
    }

    /// <summary>
    /// Restricts the meeting, its notes, the asks raised in it and the commitments made in it to the staff users listed
    /// and the caller; others see only that a meeting with its organisations took place that day. Again: changes who.
    /// </summary>
    [WolverinePut("/api/meetings/{id}/restriction", Name = "RestrictMeeting"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(Guid id, RestrictAccess command, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        Write(id, null, command, session, http, ct);
}

public static class LiftMeetingRestrictionEndpoint
{
    /// <summary>Lifts the meeting's restriction (its notes' own restrictions stay).</summary>
    [WolverineDelete("/api/meetings/{id}/restriction", Name = "LiftMeetingRestriction"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        RestrictMeetingEndpoint.Write(id, null, null, session, http, ct);
}

public static class RestrictMeetingNoteEndpoint
{
    public static Task<ProblemDetails> ValidateAsync(RestrictAccess command, IQuerySession session, CancellationToken ct) =>
        RestrictMeetingEndpoint.ValidateAsync(command, session, ct);

    /// <summary>Restricts one note of the meeting to the staff users listed and the caller; others see that a note was added.</summary>
    [WolverinePut("/api/meetings/{id}/notes/{noteId}/restriction", Name = "RestrictMeetingNote"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(Guid id, Guid noteId, RestrictAccess command, IDocumentSession session, HttpContext http,
        CancellationToken ct) =>
        RestrictMeetingEndpoint.Write(id, noteId, command, session, http, ct);
}

public static class LiftMeetingNoteRestrictionEndpoint
{
    /// <summary>Lifts the note's restriction.</summary>
    [WolverineDelete("/api/meetings/{id}/notes/{noteId}/restriction", Name = "LiftMeetingNoteRestriction"), Tags("Meetings")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> Delete(Guid id, Guid noteId, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        RestrictMeetingEndpoint.Write(id, noteId, null, session, http, ct);
}
