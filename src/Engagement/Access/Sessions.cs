using System.Security.Claims;
using Engagement.Access.Users;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Engagement.Access;

/// <summary>
/// A session lasts only as long as what opened it: revoking its key, deactivating its user or setting the user's password
/// anew ends it at once; a user's new role applies from their next request.
/// </summary>
public static class Sessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext c)
    {
        var principal = c.Principal;
        var store = c.HttpContext.RequestServices.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var ct = c.HttpContext.RequestAborted;

        if (Id(principal, Claims.KeyId) is { } keyId)
        {
            if (await session.LoadAsync<ApiKey>(keyId, ct) is { IsActive: true }) return;
        }
        else if (Id(principal, Claims.UserId) is { } userId)
        {
            var user = await session.LoadAsync<User>(userId, ct);
            if (user is { Status: UserStatus.Active } && principal?.FindFirst(Claims.PasswordVersion)?.Value == Version(user))
            {
                if (!principal.IsInRole(user.Role.Kebab()))
                {
                    c.ReplacePrincipal(PasswordSignIn.Principal(user));
                    c.ShouldRenew = true;
                }
                return;
            }
        }
        else if (principal?.FindFirst(Claims.IdentityProvider) is not null) return;

        c.RejectPrincipal();
        await c.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static string Version(User user) => user.PasswordVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Guid? Id(ClaimsPrincipal? principal, string claim) =>
        Guid.TryParse(principal?.FindFirst(claim)?.Value, out var id) && id != Guid.Empty ? id : null;
}
