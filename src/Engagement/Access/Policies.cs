using Wolverine.Http;

namespace Engagement.Access;

/// <summary>
/// Who may call what. Every Wolverine endpoint gets one of these policies from its route and method, so a new route is
/// never open by accident; a test walks every endpoint and fails when one has none.
/// </summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>
    {
        [Read] = [Role.Viewer, Role.Staff, Role.Admin, Role.Integration],
        [Write] = [Role.Staff, Role.Admin],
        [Admin] = [Role.Admin]
    };

    private static readonly string[] AdminAreas = ["/api/keys", "/api/webhooks", "/api/admin", "/api/users"];

    /// <summary>Imports are staff work, reads of them included: a file may hold what is not yet recorded.</summary>
    private const string ImportArea = "/api/imports";

    /// <summary>Erasing a person's personal data, and handing all of it out, are the data controller's acts.</summary>
    private static readonly string[] PersonalDataRoutes = ["/api/people/{id}/erasure", "/api/people/{id}/export"];

    /// <summary>The policy for a route, or null where it is public (health checks, sign-in).</summary>
    public static string? For(string route, string method)
    {
        route = "/" + route.TrimStart('/');
        if (route.StartsWith("/health/", StringComparison.Ordinal) || route.StartsWith("/auth/", StringComparison.Ordinal)) return null;
        if (AdminAreas.Any(a => route == a || route.StartsWith(a + "/", StringComparison.Ordinal)))
            return route == "/api/webhooks/event-types" && method == "GET" ? Read : Admin;
        if (PersonalDataRoutes.Contains(route)) return Admin;
        if (route == ImportArea || route.StartsWith(ImportArea + "/", StringComparison.Ordinal)) return Write;
        return method is "GET" or "HEAD" ? Read : Write;
    }

    public static void Apply(HttpChain chain)
    {
        var policy = For(chain.RoutePattern?.RawText ?? "", chain.HttpMethods.FirstOrDefault() ?? "GET");
        if (policy is null) chain.AllowAnonymous();
        else chain.RequireAuthorization(policy);
    }
}
