using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;

namespace Engagement.Access.Users;

public enum UserStatus { Invited, Active, Deactivated }

/// <summary>An administrator invited a person; the invitation link's token is stored as its SHA-256 hash only.</summary>
public sealed record UserInvited(Guid UserId, string Name, string Email, Role Role, string InvitationHash, DateTimeOffset InvitedAt,
    DateTimeOffset InvitationExpiresAt);

/// <summary>A fresh invitation link: the earlier one no longer works.</summary>
public sealed record UserInvitationReissued(Guid UserId, string InvitationHash, DateTimeOffset InvitationExpiresAt);

/// <summary>The person chose a password through their invitation link (the hash is kept in <see cref="UserPassword"/>).</summary>
public sealed record UserPasswordSet(Guid UserId, DateTimeOffset SetAt);

public sealed record UserSignedIn(Guid UserId, DateTimeOffset SignedInAt);

public sealed record UserSignInFailed(Guid UserId, DateTimeOffset FailedAt);

public sealed record UserLockedOut(Guid UserId, DateTimeOffset LockedUntil);

public sealed record UserDeactivated(Guid UserId, string? Reason);

public sealed record UserReactivated(Guid UserId);

public sealed record UserRoleChanged(Guid UserId, Role Role);

/// <summary>
/// A person who signs in to the pages. Times come from the events' own fields (the service's clock when recorded), so a
/// rebuild gives the same state and lockouts are measured on the clock that set them.
/// </summary>
public sealed record User
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    /// <summary>The email in lower case: the unique index that makes an address belong to one user.</summary>
    public string EmailKey { get; init; } = "";
    public Role Role { get; init; }
    public DateTimeOffset InvitedAt { get; init; }
    public string? InvitationHash { get; init; }
    public DateTimeOffset? InvitationExpiresAt { get; init; }
    public bool HasPassword { get; init; }
    /// <summary>Counts the passwords set: a session opened under an earlier one ends.</summary>
    public int PasswordVersion { get; init; }
    public bool Deactivated { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public int Version { get; init; }

    public UserStatus Status => Deactivated ? UserStatus.Deactivated : HasPassword ? UserStatus.Active : UserStatus.Invited;

    public static User Create(UserInvited e) => new()
    {
        Id = e.UserId, Name = e.Name, Email = e.Email, EmailKey = Accounts.EmailKey(e.Email), Role = e.Role, InvitedAt = e.InvitedAt,
        InvitationHash = e.InvitationHash, InvitationExpiresAt = e.InvitationExpiresAt
    };

    public User Apply(UserInvitationReissued e) => this with { InvitationHash = e.InvitationHash, InvitationExpiresAt = e.InvitationExpiresAt };

    public User Apply(UserPasswordSet e) => this with
    {
        HasPassword = true, PasswordVersion = PasswordVersion + 1, InvitationHash = null, InvitationExpiresAt = null, FailedSignIns = 0,
        LockedUntil = null
    };

    public User Apply(UserSignedIn e) => this with { LastSignInAt = e.SignedInAt, FailedSignIns = 0 };

    public User Apply(UserSignInFailed e) => this with { FailedSignIns = FailedSignIns + 1 };

    public User Apply(UserLockedOut e) => this with { LockedUntil = e.LockedUntil, FailedSignIns = 0 };

    public User Apply(UserDeactivated e) => this with { Deactivated = true, InvitationHash = null, InvitationExpiresAt = null };

    public User Apply(UserReactivated e) => this with { Deactivated = false, LockedUntil = null, FailedSignIns = 0 };

    public User Apply(UserRoleChanged e) => this with { Role = e.Role };

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && now < until;

    /// <summary>How the user's events name them in <c>recordedBy</c>, as keys are named by theirs.</summary>
    public string Recorder => Accounts.Recorder(Name, Id);
}

/// <summary>The password's hash (ASP.NET Core Identity's PBKDF2 format), kept out of the events so history never shows it.</summary>
public sealed record UserPassword(Guid Id, string Hash);

/// <summary>The settings of sign-in for people: Auth:Users:* in configuration.</summary>
public sealed record UserRules(int MaxFailedSignIns, TimeSpan Lockout, TimeSpan InvitationValidFor)
{
    public static readonly UserRules Default = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromDays(7));

    public static UserRules From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth:Users");
        return new UserRules(
            section.GetValue("MaxFailedSignIns", Default.MaxFailedSignIns),
            TimeSpan.FromMinutes(section.GetValue("LockoutMinutes", Default.Lockout.TotalMinutes)),
            TimeSpan.FromDays(section.GetValue("InvitationValidForDays", Default.InvitationValidFor.TotalDays)));
    }
}

public static class Accounts
{
    /// <summary>The roles a person may have; integration is for keys that read on behalf of another system.</summary>
    public static readonly Role[] Roles = [Role.Viewer, Role.Staff, Role.Admin];

    public const string InvitationPath = "/auth/invitations/";

    public static string EmailKey(string email) => email.Trim().ToLowerInvariant();

    public static string Recorder(string name, Guid id) => $"{name} ({id})";

    /// <summary>An invitation token: 256 random bits in base64url, so a plain SHA-256 is a safe store, as for keys.</summary>
    public static string NewInvitationToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
