using System.Security.Claims;
using Engagement.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Access;

public enum CallerKind { User, Key, Token }

/// <summary>Who is calling; <see cref="CsrfToken"/> is what a page sends as X-CSRF-TOKEN on writes (cookie sessions only).</summary>
public sealed record Me(string Id, string Name, string? Email, Role Role, CallerKind Kind, string? CsrfToken);

public static class MeEndpoint
{
    // Highest first: a token may carry several roles, and the strongest one decides what the caller may do.
    private static readonly Role[] Strength = [Role.Admin, Role.Staff, Role.Viewer, Role.Integration];

    [WolverineGet("/api/me", Name = "GetMe"), Tags("Access")]
    [ProducesResponseType<Me>(StatusCodes.Status200OK)]
    public static Me Get(HttpContext http, IAntiforgery antiforgery)
    {
        var user = http.User;
        var role = Strength.First(r => user.IsInRole(r.Kebab()));
        var (id, kind) = user.FindFirst(Claims.UserId)?.Value is { } userId ? (userId, CallerKind.User)
            : user.FindFirst(Claims.KeyId)?.Value is { } keyId ? (keyId, CallerKind.Key)
            : (user.FindFirst("sub")?.Value ?? user.Identity?.Name ?? "", CallerKind.Token);
        var csrf = SessionAntiforgery.IsCookieSession(http) ? antiforgery.GetAndStoreTokens(http).RequestToken : null;
        return new Me(id, user.Identity?.Name ?? id, user.FindFirst(ClaimTypes.Email)?.Value ?? user.FindFirst("email")?.Value, role, kind, csrf);
    }
}

/// <summary>
/// Writes made with the session cookie must carry the page's anti-forgery token in X-CSRF-TOKEN (JSON endpoints
/// included); API keys and bearer tokens are not sent by browsers on their own and need none.
/// </summary>
public sealed class SessionAntiforgery(RequestDelegate next)
{
    private static readonly Problem Refused = new(StatusCodes.Status400BadRequest, "Reload the page and try again",
        $"A change made from a signed-in page must carry the page's anti-forgery token in the {Configuration.AntiforgeryHeader} header " +
        "(GET /api/me answers it as csrfToken). Nothing was recorded.");

    public static bool IsCookieSession(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        && http.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme
            == Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme;

    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && http.Request.Path.StartsWithSegments("/api") && IsCookieSession(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            http.Response.StatusCode = Refused.Status;
            await Refused.ToResult().ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}
