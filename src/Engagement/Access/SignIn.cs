using System.Security.Claims;
using System.Threading.RateLimiting;
using Engagement.Access.Users;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Access;

/// <summary>
/// Web sign-in: an email and password, or an API key pasted once, or (with Auth:Oidc:ClientId set) the organisation's
/// identity provider; each gives an HttpOnly, SameSite=Strict session cookie. The forms carry an anti-forgery token.
/// </summary>
public static class SignIn
{
    public const string CookieName = "engagement-session";
    public const string OidcPath = "/auth/oidc";

    public static void MapSignIn(this WebApplication app)
    {
        app.MapGet("/auth/sign-in", (HttpContext http, IAntiforgery antiforgery, IConfiguration configuration, string? error,
            string? returnUrl) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return AuthPages.Html("Sign in", Form(tokens, error, LocalOnly(returnUrl), Configuration.InteractiveOidc(configuration)));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/auth/sign-in", async ([FromForm] string? key, [FromForm] string? email, [FromForm] string? password,
            [FromForm] string? returnUrl, HttpContext http, IDocumentStore store, PasswordSignIn passwords, SignInAttempts attempts) =>
        {
            var back = LocalOnly(returnUrl);
            ClaimsPrincipal principal;
            if (string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(email))
            {
                if (!attempts.TryAcquire(http, email)) return Refused("busy", back);
                var (outcome, user) = await passwords.SignInAsync(email, password, http.TraceIdentifier, http.RequestAborted);
                if (user is null) return Refused(outcome == SignInOutcome.LockedOut ? "locked" : "password", back);
                principal = PasswordSignIn.Principal(user);
            }
            else
            {
                var hash = key is { Length: > 0 and < 200 } ? ApiKeys.Hash(key.Trim()) : "";
                await using var session = store.QuerySession();
                var found = await session.Query<ApiKey>().Where(k => k.Hash == hash).FirstOrDefaultAsync();
                if (found is not { IsActive: true }) return Refused("1", back);
                principal = new ClaimsPrincipal(new ClaimsIdentity([
                    new Claim(ClaimTypes.Name, found.Name),
                    new Claim(ClaimTypes.Role, Infrastructure.EnumText.Kebab(found.Role)),
                    new Claim(Claims.KeyId, found.Id.ToString())
                ], CookieAuthenticationDefaults.AuthenticationScheme));
            }
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect(back);
        }).AllowAnonymous().ExcludeFromDescription();

        if (Configuration.InteractiveOidc(app.Configuration))
        {
            app.MapGet(OidcPath, (string? returnUrl) => Results.Challenge(
                    new AuthenticationProperties { RedirectUri = OidcPath + "/done?returnUrl=" + Uri.EscapeDataString(LocalOnly(returnUrl)) },
                    [Configuration.OidcScheme]))
                .AllowAnonymous().ExcludeFromDescription();
            // The way back from the identity provider is a cross-site chain of redirects, on which the browser withholds the
            // SameSite=Strict session cookie; a step that starts on this site lets the next page see it.
            app.MapGet(OidcPath + "/done", (string? returnUrl) =>
            {
                var next = AuthPages.Encode(LocalOnly(returnUrl));
                return AuthPages.Html("Signed in", $"""
                    <meta http-equiv="refresh" content="0;url={next}">
                    <p><a href="{next}">Continue</a></p>
                    """);
            }).AllowAnonymous().ExcludeFromDescription();
        }

        app.MapPost("/auth/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/auth/sign-in");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapInvitations();
    }

    private static IResult Refused(string error, string returnUrl) =>
        Results.Redirect($"/auth/sign-in?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    /// <summary>
    /// A path on this site, else "/". Browsers read "/\host" as "//host" and drop tabs and newlines, so "/\evil.example"
    /// and "/&lt;tab&gt;/evil.example" lead off the site as surely as "//evil.example" does.
    /// </summary>
    public static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl) ? url : "/";

    private static string Message(string? error) => error switch
    {
        null => "",
        "password" => "That email and password do not match an active account.",
        "locked" => "Too many failed attempts: this account is locked for a while. Try again later, or ask an administrator.",
        "busy" => "Too many attempts from here: wait a minute and try again.",
        "oidc" => "Your organisation's sign-in did not give you a role here. Ask an administrator.",
        _ => "That key is unknown or revoked."
    };

    private static string Form(AntiforgeryTokenSet tokens, string? error, string returnUrl, bool oidc)
    {
        var message = Message(error);
        var alert = message.Length == 0 ? "" : $"<p class=\"error\" role=\"alert\">{AuthPages.Encode(message)}</p>";
        var organisation = oidc
            ? $"""<p><a class="button secondary" href="{AuthPages.Encode(OidcPath + "?returnUrl=" + Uri.EscapeDataString(returnUrl))}">Sign in with your organisation</a></p>"""
            : "";
        return $"""
            {alert}
            <form method="post" action="/auth/sign-in">
              {AuthPages.AntiforgeryField(tokens)}
              <input type="hidden" name="returnUrl" value="{AuthPages.Encode(returnUrl)}">
              <fieldset><legend>With your email and password</legend>
                <label for="email">Email</label>
                <input id="email" name="email" type="email" autocomplete="username" maxlength="254">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" maxlength="200">
              </fieldset>
              <fieldset><legend>Or with an API key</legend>
                <label for="key">API key</label>
                <input id="key" name="key" type="password" autocomplete="off">
              </fieldset>
              <button type="submit">Sign in</button>
            </form>
            {organisation}
            """;
    }
}

/// <summary>
/// Password attempts per client address and email: Auth:Users:SignInAttemptsPerMinute (default 10) a minute, on top of
/// the lockout after repeated failures, so that guessing is slow even across accounts.
/// </summary>
public sealed class SignInAttempts(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Auth:Users:SignInAttemptsPerMinute", 10), Window = TimeSpan.FromMinutes(1), QueueLimit = 0
        }));

    public bool TryAcquire(HttpContext http, string email)
    {
        using var lease = _limiter.AttemptAcquire($"{http.Connection.RemoteIpAddress}|{Accounts.EmailKey(email)}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
