using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Access;

/// <summary>
/// Web sign-in for people: paste an API key once, get an HttpOnly, SameSite=Strict session cookie. The form carries an
/// anti-forgery token. (With OIDC configured, the web application can add an interactive identity-provider login.)
/// </summary>
public static class SignIn
{
    public const string CookieName = "engagement-session";

    public static void MapSignIn(this WebApplication app)
    {
        app.MapGet("/auth/sign-in", (HttpContext http, IAntiforgery antiforgery, string? error, string? returnUrl) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Content(Page(tokens, error, LocalOnly(returnUrl)), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/auth/sign-in", async ([FromForm] string? key, [FromForm] string? returnUrl, HttpContext http,
            IDocumentStore store) =>
        {
            var hash = key is { Length: > 0 and < 200 } ? ApiKeys.Hash(key.Trim()) : "";
            await using var session = store.QuerySession();
            var found = await session.Query<ApiKey>().Where(k => k.Hash == hash).FirstOrDefaultAsync();
            if (found is not { IsActive: true })
                return Results.Redirect($"/auth/sign-in?error=1&returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}");
            var identity = new ClaimsIdentity([
                new Claim(ClaimTypes.Name, found.Name),
                new Claim(ClaimTypes.Role, Infrastructure.EnumText.Kebab(found.Role)),
                new Claim(Claims.KeyId, found.Id.ToString())
            ], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(LocalOnly(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/auth/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/auth/sign-in");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// A path on this site, else "/". Browsers read "/\host" as "//host" and drop tabs and newlines, so "/\evil.example"
    /// and "/&lt;tab&gt;/evil.example" lead off the site as surely as "//evil.example" does.
    /// </summary>
    private static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl) ? url : "/";

    private static string Page(AntiforgeryTokenSet tokens, string? error, string returnUrl) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign in · Engagement</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
        input,button{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;margin:.25rem 0}
        .error{color:#a40000}</style></head>
        <body><h1>Engagement</h1>
        <form method="post" action="/auth/sign-in">
          <input type="hidden" name="{{HtmlEncoder.Default.Encode(tokens.FormFieldName)}}" value="{{HtmlEncoder.Default.Encode(tokens.RequestToken ?? "")}}">
          <input type="hidden" name="returnUrl" value="{{HtmlEncoder.Default.Encode(returnUrl)}}">
          <label for="key">API key</label>
          <input id="key" name="key" type="password" autocomplete="off" required>
          {{(error is null ? "" : "<p class=\"error\">That key is unknown or revoked.</p>")}}
          <button type="submit">Sign in</button>
        </form></body></html>
        """;
}
