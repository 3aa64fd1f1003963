using System.Security.Claims;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Access.Users;

public enum SignInOutcome { SignedIn, Refused, LockedOut }

/// <summary>Signing in with an email and a password, with a lockout after repeated failures.</summary>
public sealed class PasswordSignIn(IDocumentStore store, IPasswordHasher<User> hasher, TimeProvider clock, UserRules rules)
{
    public const string FailedAttemptRecorder = "sign-in attempt";

    // Verified against when no user has the email, so that an unknown address takes as long as a wrong password.
    private static readonly Lazy<string> Decoy = new(() => new PasswordHasher<User>().HashPassword(new User(), Accounts.NewInvitationToken()));

    public static (SignInOutcome Outcome, IReadOnlyList<object> Events) Decide(User user, bool passwordMatches, DateTimeOffset now,
        UserRules rules)
    {
        if (user.Status != UserStatus.Active) return (SignInOutcome.Refused, []);
        if (user.IsLockedAt(now)) return (SignInOutcome.LockedOut, []);
        if (passwordMatches) return (SignInOutcome.SignedIn, [new UserSignedIn(user.Id, now)]);
        var failed = new UserSignInFailed(user.Id, now);
        return user.FailedSignIns + 1 >= rules.MaxFailedSignIns
            ? (SignInOutcome.LockedOut, [failed, new UserLockedOut(user.Id, now + rules.Lockout)])
            : (SignInOutcome.Refused, [failed]);
    }

    public async Task<(SignInOutcome Outcome, User? User)> SignInAsync(string? email, string? password, string correlationId,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > InviteUserEndpoint.EmailLength || string.IsNullOrEmpty(password)
            || password.Length > SetPassword.MaxLength)
            return (SignInOutcome.Refused, null);

        await using var session = store.LightweightSession();
        var key = Accounts.EmailKey(email);
        var found = await session.Query<User>().Where(u => u.EmailKey == key).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            hasher.VerifyHashedPassword(new User(), Decoy.Value, password);
            return (SignInOutcome.Refused, null);
        }

        // One attempt at a time per user, so that concurrent failures all count towards the lockout.
        var stream = await session.Events.FetchForExclusiveWriting<User>(found.Id, ct);
        var user = stream.Aggregate!;
        var now = clock.GetUtcNow();
        var matches = false;
        if (user.Status == UserStatus.Active && !user.IsLockedAt(now) && await session.LoadAsync<UserPassword>(user.Id, ct) is { } stored)
        {
            var verified = hasher.VerifyHashedPassword(user, stored.Hash, password);
            matches = verified != PasswordVerificationResult.Failed;
            if (verified == PasswordVerificationResult.SuccessRehashNeeded) session.Store(stored with { Hash = hasher.HashPassword(user, password) });
        }
        var (outcome, events) = Decide(user, matches, now, rules);
        if (events.Count > 0)
        {
            session.CorrelationId = correlationId;
            session.SetHeader(HistoryEndpoints.RecordedByHeader, outcome == SignInOutcome.SignedIn ? user.Recorder : FailedAttemptRecorder);
            stream.AppendMany(events.ToArray());
            await session.SaveChangesAsync(ct);
        }
        return (outcome, outcome == SignInOutcome.SignedIn ? user : null);
    }

    /// <summary>
    /// The session of a signed-in user: their name, role and id, and the password it was opened with. The id is also the
    /// name identifier, to which the anti-forgery token is bound, so a new role keeps the page's token valid.
    /// </summary>
    public static ClaimsPrincipal Principal(User user) => new(new ClaimsIdentity([
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new Claim(ClaimTypes.Name, user.Name),
        new Claim(ClaimTypes.Email, user.Email),
        new Claim(ClaimTypes.Role, user.Role.Kebab()),
        new Claim(Claims.UserId, user.Id.ToString()),
        new Claim(Claims.PasswordVersion, user.PasswordVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(Claims.Recorder, user.Recorder)
    ], CookieAuthenticationDefaults.AuthenticationScheme));
}
