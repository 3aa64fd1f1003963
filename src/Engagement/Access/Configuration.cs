using System.Security.Claims;
using Engagement.Access.Users;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Engagement.Access;

public static class Configuration
{
    public const string Selector = "Engagement";
    public const string OidcScheme = "oidc";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>People sign in through the identity provider when it is named and this service is registered with it.</summary>
    public static bool InteractiveOidc(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Auth:Oidc:Authority"]) && !string.IsNullOrWhiteSpace(configuration["Auth:Oidc:ClientId"]);

    public static void ConfigureAccess(this StoreOptions options)
    {
        options.Projections.Snapshot<ApiKey>(SnapshotLifecycle.Inline);
        options.Schema.For<ApiKey>().UniqueIndex(k => k.Hash);
        options.Schema.For<ApiKeyUsage>();
        options.Projections.Snapshot<User>(SnapshotLifecycle.Inline);
        options.Schema.For<User>().UniqueIndex(u => u.EmailKey).Index(u => u.InvitationHash);
        options.Schema.For<UserPassword>();
    }

    /// <summary>
    /// API keys for clients, JWTs from the organisation's identity provider when Auth:Oidc:Authority is set, and a
    /// cookie session for people signed in to the web pages; every route needs one of them except /health and /auth.
    /// </summary>
    public static void AddAccess(this WebApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection("Auth:Oidc");
        var oidcEnabled = !string.IsNullOrWhiteSpace(oidc["Authority"]);

        builder.Services.AddSingleton<KeyUsage>();
        builder.Services.AddSingleton(UserRules.From(builder.Configuration));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<User>, Microsoft.AspNetCore.Identity.PasswordHasher<User>>();
        builder.Services.AddSingleton<PasswordSignIn>();
        builder.Services.AddSingleton<SignInAttempts>();
        builder.Services.AddHostedService<BootstrapKey>();
        var authentication = builder.Services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key, identity-provider token or session cookie", o => o.ForwardDefaultSelector = http =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    return oidcEnabled && !header["Bearer ".Length..].TrimStart().StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : ApiKeyAuthentication.SchemeName;
                // Pages (anything outside the API) use the session cookie, so a browser is sent to sign in, not given a 401.
                return http.Request.Cookies.ContainsKey(SignIn.CookieName) || !IsApi(http.Request.Path)
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiKeyAuthentication.SchemeName;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = SignIn.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/auth/sign-in";
                o.Events.OnRedirectToLogin = c => IsApi(c.Request.Path) ? Answers.Unauthorized(c.HttpContext) : Redirect(c);
                o.Events.OnRedirectToAccessDenied = c => Answers.Forbidden(c.HttpContext);
                o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
            });
        if (oidcEnabled)
        {
            authentication.AddJwtBearer(o =>
            {
                o.Authority = oidc["Authority"];
                o.Audience = oidc["Audience"];
                o.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = oidc["NameClaim"] ?? "name";
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = c => { OidcRoles.Map(c.Principal, oidc); return Task.CompletedTask; },
                    OnChallenge = c => { c.HandleResponse(); return Answers.Unauthorized(c.HttpContext); },
                    OnForbidden = c => Answers.Forbidden(c.HttpContext)
                };
            });
        }

        builder.Services.AddAuthorization(o =>
        {
            foreach (var (name, roles) in Policies.Roles)
                o.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.Kebab())));
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        if (InteractiveOidc(builder.Configuration)) authentication.AddOidcSignIn(oidc);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "engagement-af";
            o.HeaderName = AntiforgeryHeader;
        });
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> c)
    {
        c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }

    private static string Kebab(this Role role) => Infrastructure.EnumText.Kebab(role);

    /// <summary>
    /// "Sign in with your organisation": the authorization-code flow with PKCE; the identity provider's claims map to
    /// roles as its tokens' do, and a person given no role is sent back to the sign-in page.
    /// </summary>
    private static void AddOidcSignIn(this AuthenticationBuilder authentication, IConfigurationSection oidc) =>
        authentication.AddOpenIdConnect(OidcScheme, "Your organisation", o =>
        {
            o.Authority = oidc["Authority"];
            o.ClientId = oidc["ClientId"];
            o.ClientSecret = oidc["ClientSecret"];
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The answer comes back as a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.CallbackPath = SignIn.OidcPath + "/callback";
            o.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in (oidc["Scopes"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.TokenValidationParameters.NameClaimType = oidc["NameClaim"] ?? "name";
            o.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
            o.Events.OnTokenValidated = c =>
            {
                OidcRoles.Map(c.Principal, oidc);
                if (c.Principal?.Identity is not ClaimsIdentity identity || !identity.HasClaim(c2 => c2.Type == identity.RoleClaimType))
                    c.Fail("The identity provider gave this person no role known here.");
                else identity.AddClaim(new Claim(Claims.IdentityProvider, oidc["Authority"]!));
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = c =>
            {
                c.Response.Redirect("/auth/sign-in?error=oidc");
                c.HandleResponse();
                return Task.CompletedTask;
            };
        });
}

/// <summary>
/// Maps the identity provider's claims to our roles: the claim named by Auth:Oidc:RoleClaim (default "roles") whose
/// values are role names, or are mapped by Auth:Oidc:RoleMap:&lt;value&gt; = &lt;role&gt;. The subject is kept as the
/// recorder's id.
/// </summary>
public static class OidcRoles
{
    public static void Map(ClaimsPrincipal? principal, IConfigurationSection oidc)
    {
        if (principal?.Identity is not ClaimsIdentity identity) return;
        var claimType = oidc["RoleClaim"] ?? "roles";
        var map = oidc.GetSection("RoleMap");
        foreach (var value in identity.FindAll(claimType).Select(c => c.Value).ToList())
        {
            var role = map[value] ?? value;
            if (Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                identity.AddClaim(new Claim(identity.RoleClaimType, Infrastructure.EnumText.Kebab(parsed)));
        }
        var subject = identity.FindFirst("sub")?.Value;
        var name = identity.Name ?? subject ?? "unknown";
        identity.AddClaim(new Claim(Claims.Recorder, subject is null || name == subject ? name : $"{name} ({subject})"));
    }
}
