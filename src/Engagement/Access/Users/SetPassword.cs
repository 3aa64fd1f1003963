using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Access.Users;

/// <summary>
/// The invitation link: a page where the invited person chooses a password (twice), which signs them in. The link works
/// once, until it expires, and not after a newer one was issued or the user was deactivated.
/// </summary>
public static class SetPassword
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    public static void MapInvitations(this WebApplication app)
    {
        app.MapGet(Accounts.InvitationPath + "{token}", async (string token, HttpContext http, IAntiforgery antiforgery, IDocumentStore store,
            TimeProvider clock) =>
        {
            await using var session = store.QuerySession();
            var user = await Find(session, token, clock.GetUtcNow(), http.RequestAborted);
            return user is null ? Unusable() : Form(antiforgery.GetAndStoreTokens(http), token, user, []);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost(Accounts.InvitationPath + "{token}", async (string token, [FromForm] string? password, [FromForm] string? confirmation,
            HttpContext http, IAntiforgery antiforgery, IDocumentStore store, IPasswordHasher<User> hasher, TimeProvider clock) =>
        {
            await using var session = store.LightweightSession();
            var now = clock.GetUtcNow();
            var user = await Find(session, token, now, http.RequestAborted);
            if (user is null) return Unusable();
            var errors = Check(password, confirmation);
            if (errors.Count > 0) return Form(antiforgery.GetAndStoreTokens(http), token, user, errors);

            session.CorrelationId = http.TraceIdentifier;
            session.SetHeader(HistoryEndpoints.RecordedByHeader, user.Recorder);
            // Checked against the version read, so a second use of the same link at the same moment appends nothing.
            var stream = await session.Events.FetchForWriting<User>(user.Id, http.RequestAborted);
            if (stream.Aggregate?.InvitationHash != user.InvitationHash) return Unusable();
            stream.AppendMany(new UserPasswordSet(user.Id, now), new UserSignedIn(user.Id, now));
            session.Store(new UserPassword(user.Id, hasher.HashPassword(user, password!)));
            await session.SaveChangesAsync(http.RequestAborted);

            var signedIn = await session.LoadAsync<User>(user.Id, http.RequestAborted);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, PasswordSignIn.Principal(signedIn!));
            return Results.Redirect("/");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>What is wrong with a chosen password, in words for the person choosing it.</summary>
    public static List<string> Check(string? password, string? confirmation)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(password) || password.Length < MinLength) errors.Add($"Choose a password of at least {MinLength} characters.");
        else if (password.Length > MaxLength) errors.Add($"Choose a password of at most {MaxLength} characters.");
        else if (password.Any(char.IsControl)) errors.Add("A password cannot contain control characters.");
        if (password != confirmation) errors.Add("The two passwords differ; type the same password twice.");
        return errors;
    }

    private static async Task<User?> Find(IQuerySession session, string token, DateTimeOffset now, CancellationToken ct)
    {
        if (token.Length is < 20 or > 100) return null;
        var hash = Accounts.HashToken(token);
        var user = await session.Query<User>().Where(u => u.InvitationHash == hash).FirstOrDefaultAsync(ct);
        return user is { Deactivated: false, InvitationExpiresAt: { } expires } && now < expires ? user : null;
    }

    private static IResult Unusable() => AuthPages.Html("This link no longer works", """
        <p>The invitation link is unknown, already used or expired. Ask an administrator for a new one.</p>
        <p><a href="/auth/sign-in">Sign in</a> if you have already chosen a password.</p>
        """, StatusCodes.Status404NotFound);

    private static IResult Form(AntiforgeryTokenSet tokens, string token, User user, List<string> errors)
    {
        var describedBy = errors.Count > 0 ? "password-hint password-errors\" aria-invalid=\"true" : "password-hint";
        var messages = errors.Count == 0
            ? ""
            : $"<div id=\"password-errors\" role=\"alert\">{string.Concat(errors.Select(e => $"<p class=\"error\">{AuthPages.Encode(e)}</p>"))}</div>";
        return AuthPages.Html("Choose your password", $"""
            <p>Welcome, {AuthPages.Encode(user.Name)}. You sign in with <strong>{AuthPages.Encode(user.Email)}</strong> and the password you choose here.</p>
            <form method="post" action="{AuthPages.Encode(Accounts.InvitationPath + token)}">
              {AuthPages.AntiforgeryField(tokens)}
              <label for="password">New password</label>
              <p class="hint" id="password-hint">At least {MinLength} characters.</p>
              <input id="password" name="password" type="password" autocomplete="new-password" required minlength="{MinLength}" maxlength="{MaxLength}" aria-describedby="{describedBy}">
              <label for="confirmation">The same password again</label>
              <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required maxlength="{MaxLength}">
              {messages}
              <button type="submit">Set password and sign in</button>
            </form>
            """, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
