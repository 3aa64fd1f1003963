using Engagement.Access;
using Engagement.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Access;

public class every_route_has_a_policy(AppFixture fixture) : ApiTest(fixture)
{
    private IReadOnlyList<RouteEndpoint> Endpoints => Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().ToList();

    [Fact]
    public void every_mapped_endpoint_names_a_policy_or_is_explicitly_public()
    {
        var open = Endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(open.Count == 0, "Routes without an authorization policy: " + string.Join(", ", open));
        Assert.True(Endpoints.Count > 30, $"expected the whole API to be mapped, found {Endpoints.Count} endpoints");
    }

    [Fact]
    public void the_only_public_routes_are_health_sign_in_the_calendar_feeds_and_the_reference_page_scripts()
    {
        // A calendar feed's address is a secret token, since calendar applications cannot send a key.
        // The API reference's own script and icon files are library assets that hold no data; the page needs a key.
        string[] assets = ["/docs/scalar.js", "/docs/scalar.aspnetcore.js", "/docs/favicon.svg"];
        var anonymous = Endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        Assert.All(anonymous, route => Assert.True(route.StartsWith("/health/") || route.StartsWith("/auth/") || assets.Contains(route)
                                                   || route == "/calendar/{token}.ics", route));
    }

    /// <summary>
    /// The README's role table, written out again here on purpose: the service's answers are checked against it, not
    /// against the code that decides them.
    /// </summary>
    private static bool May(string role, string method, string route)
    {
        string[] adminAreas = ["/api/keys", "/api/webhooks", "/api/admin", "/api/users"];
        string[] personalData = ["/api/people/{id}/erasure", "/api/people/{id}/export"];
        var admin = adminAreas.Any(a => route == a || route.StartsWith(a + "/", StringComparison.Ordinal))
                    && !(route == "/api/webhooks/event-types" && method == "GET")
                    || personalData.Contains(route);
        var imports = route == "/api/imports" || route.StartsWith("/api/imports/", StringComparison.Ordinal);
        var read = method is "GET" or "HEAD";
        return role switch
        {
            "admin" => true,
            "staff" => !admin,
            _ => read && !admin && !imports
        };
    }

    [Fact]
    public async Task each_role_is_refused_exactly_the_routes_the_role_table_keeps_from_it()
    {
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var role in new[] { "viewer", "staff", "integration" })
        {
            var key = (await Host.PostOk("/api/keys", new { name = $"{role} caller", role }))["key"]!.GetValue<string>();
            foreach (var (method, route, path) in MappedRoutes.All(Host).Where(r => r.Route.StartsWith("/api/", StringComparison.Ordinal)))
            {
                var status = (await Host.Call(method, path, $"Bearer {key}")).Context.Response.StatusCode;
                checkedRoutes++;
                if (status == 401) failures.Add($"{role}: {method} {route} answered 401 to a valid key");
                else if ((status == 403) == May(role, method, route))
                    failures.Add($"{role}: {method} {route} answered {status}; the role table says it {(May(role, method, route) ? "may" : "may not")} call it");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(checkedRoutes > 90, $"only {checkedRoutes} calls were made; expected every API route for three roles");
    }

    [Theory]
    [InlineData("/api/meetings", "POST", "write")]
    [InlineData("/api/meetings/{id}", "GET", "read")]
    [InlineData("/api/keys", "POST", "admin")]
    [InlineData("/api/keys", "GET", "admin")]
    [InlineData("/api/webhooks", "POST", "admin")]
    [InlineData("/api/webhooks/event-types", "GET", "read")]
    [InlineData("/api/events", "GET", "read")]
    [InlineData("/api/users", "GET", "admin")]
    [InlineData("/api/users/{id}/deactivation", "POST", "admin")]
    [InlineData("/api/admin/projections", "GET", "admin")]
    [InlineData("/api/admin/projections/{name}/rebuild", "POST", "admin")]
    [InlineData("/api/me", "GET", "read")]
    [InlineData("/api/imports/{kind}", "POST", "write")]
    [InlineData("/api/imports/{id}", "GET", "write")]
    [InlineData("/api/imports/templates/{kind}", "GET", "write")]
    [InlineData("/api/live", "GET", "read")]
    [InlineData("/api/reports/member", "GET", "read")]
    [InlineData("/api/reports/disclosure", "GET", "read")]
    [InlineData("/api/reports/board-pack", "GET", "read")]
    [InlineData("/api/meetings/{id}/calendar", "GET", "read")]
    [InlineData("/api/organizations/{id}/register-id", "POST", "write")]
    [InlineData("/api/people/{id}/erasure", "POST", "admin")]
    [InlineData("/api/people/{id}/export", "GET", "admin")]
    [InlineData("/api/people/{id}/posts", "POST", "write")]
    [InlineData("/api/people/{id}/history", "GET", "read")]
    [InlineData("/api/organizations/{id}/merge", "POST", "write")]
    [InlineData("/api/meetings/{id}/restriction", "PUT", "write")]
    [InlineData("/api/meetings/{id}/restriction", "DELETE", "write")]
    [InlineData("/api/meetings/{id}/notes/{noteId}/restriction", "PUT", "write")]
    [InlineData("/api/meetings/{id}/notes/{noteId}/restriction", "DELETE", "write")]
    [InlineData("/auth/invitations/{token}", "POST", null)]
    [InlineData("/health/ready", "GET", null)]
    public void the_role_table(string route, string method, string? policy) => Assert.Equal(policy, Policies.For(route, method));

    [Theory]
    [InlineData("read", new[] { "viewer", "staff", "admin", "integration" })]
    [InlineData("write", new[] { "staff", "admin" })]
    [InlineData("admin", new[] { "admin" })]
    public void the_roles_of_each_policy(string policy, string[] roles) =>
        Assert.Equal(roles, Policies.Roles[policy].Select(r => Engagement.Infrastructure.EnumText.Kebab(r)));
}
