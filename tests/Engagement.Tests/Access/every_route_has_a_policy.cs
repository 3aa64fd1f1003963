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
    public void the_only_public_routes_are_health_sign_in_and_the_reference_page_scripts()
    {
        // The API reference's own script and icon files are library assets that hold no data; the page needs a key.
        string[] assets = ["/docs/scalar.js", "/docs/scalar.aspnetcore.js", "/docs/favicon.svg"];
        var anonymous = Endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        Assert.All(anonymous, route => Assert.True(route.StartsWith("/health/") || route.StartsWith("/auth/") || assets.Contains(route), route));
    }

    [Fact]
    public void every_wolverine_route_has_the_policy_of_the_role_table()
    {
        foreach (var endpoint in Endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/api")))
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Single() ?? "GET";
            var expected = Policies.For(endpoint.RoutePattern.RawText!, method);
            var actual = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).SingleOrDefault();
            Assert.True(expected == actual, $"{method} {endpoint.RoutePattern.RawText}: expected policy {expected}, found {actual}");
        }
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
    [InlineData("/api/live", "GET", "read")]
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
