using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Engagement.Access;

/// <summary>Reads <c>Authorization: Bearer eng_…</c>, finds the key by its hash, and signs the caller in with its role.</summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, IDocumentStore store, KeyUsage usage) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var key = header["Bearer ".Length..].Trim();
        if (!key.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal) || key.Length > 200) return AuthenticateResult.Fail("Not an API key.");

        var hash = ApiKeys.Hash(key);
        await using var session = store.QuerySession();
        var found = await session.Query<ApiKey>().Where(k => k.Hash == hash).FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || !found.IsActive) return AuthenticateResult.Fail("Unknown or revoked API key.");

        await usage.TouchAsync(found.Id, Context.RequestAborted);
        var identity = new ClaimsIdentity([
            new Claim(ClaimTypes.Name, found.Name),
            new Claim(ClaimTypes.Role, found.Role.Kebab()),
            new Claim(Claims.KeyId, found.Id.ToString())
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Answers.Unauthorized(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Answers.Forbidden(Context);
}

public static class Claims
{
    public const string KeyId = "engagement:key-id";
    public const string Recorder = "engagement:recorder";
    public const string UserId = "engagement:user-id";
    public const string PasswordVersion = "engagement:password-version";
    /// <summary>Set on a session opened through the organisation's identity provider.</summary>
    public const string IdentityProvider = "engagement:identity-provider";
}

public static class Answers
{
    public static Task Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Write(http, new Problem(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send 'Authorization: Bearer <API key>' (an administrator issues keys with POST /api/keys), or sign in at /auth/sign-in."));
    }

    public static Task Forbidden(HttpContext http) => Write(http, new Problem(StatusCodes.Status403Forbidden, "Not allowed",
        $"The role of '{http.User.Identity?.Name}' may not call {http.Request.Method} {http.Request.Path}; see the role table in the README."));

    private static Task Write(HttpContext http, Problem problem)
    {
        http.Response.StatusCode = problem.Status;
        return problem.ToResult().ExecuteAsync(http);
    }
}

/// <summary>Records when each key was last used, at most once a minute per key so reads stay reads.</summary>
public sealed class KeyUsage(IDocumentStore store, TimeProvider clock)
{
    private static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _written = new();

    public async Task TouchAsync(Guid keyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_written.TryGetValue(keyId, out var last) && now - last < Resolution) return;
        _written[keyId] = now;
        await using var session = store.LightweightSession();
        session.Store(new ApiKeyUsage(keyId, now));
        await session.SaveChangesAsync(ct);
    }
}
