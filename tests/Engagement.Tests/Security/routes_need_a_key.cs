using Alba;
using Engagement.Tests.Support;

namespace Engagement.Tests.Security;

/// <summary>Calls every mapped route without a key: only health checks, sign-in and the reference page's assets answer.</summary>
public class routes_need_a_key(AppFixture fixture) : ApiTest(fixture)
{
    // The API reference's own script and icon files hold no data (as in Access/every_route_has_a_policy).
    private static readonly string[] Assets = ["/docs/scalar.js", "/docs/scalar.aspnetcore.js", "/docs/favicon.svg"];

    /// <summary>The executives' pages and the API reference: everything outside /api and /openapi.</summary>
    private static bool IsPage(string route) => !route.StartsWith("/api", StringComparison.Ordinal) && !route.StartsWith("/openapi", StringComparison.Ordinal);

    /// <summary>A calendar feed's secret address is its credential: calendar applications send no key.</summary>
    private static bool IsPublic(string route) =>
        route.StartsWith("/health/", StringComparison.Ordinal) || route.StartsWith("/auth/", StringComparison.Ordinal) || Assets.Contains(route)
        || route == "/calendar/{token}.ics";

    [Fact]
    public async Task every_route_but_health_sign_in_and_reference_assets_answers_401_without_a_key()
    {
        var routes = MappedRoutes.All(Host);
        var failures = new List<string>();
        var guarded = 0;
        foreach (var (method, route, path) in routes)
        {
            var result = await Host.Call(method, path, "");
            var status = result.Context.Response.StatusCode;
            if (IsPublic(route))
            {
                if (method == "GET" && status is 401 or 403 or >= 500) failures.Add($"{method} {route} is public but answered {status}");
                continue;
            }
            guarded++;
            if (IsPage(route))
            {
                // A browser without a session is sent to sign in; the page itself is never served.
                var location = result.Context.Response.Headers.Location.ToString();
                if (status != 302 || !location.Contains("/auth/sign-in", StringComparison.Ordinal))
                    failures.Add($"{method} {path} answered {status} ({location}) without a key; a page must redirect to sign-in");
                continue;
            }
            if (status != 401) failures.Add($"{method} {path} answered {status} without a key");
            else if (result.Context.Response.ContentType?.StartsWith("application/problem+json") != true)
                failures.Add($"{method} {path} answered 401 as {result.Context.Response.ContentType}");
            else if (result.Context.Response.Headers.WWWAuthenticate.ToString() != "Bearer")
                failures.Add($"{method} {path} answered 401 without WWW-Authenticate: Bearer");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(guarded > 30, $"only {guarded} guarded routes were called; expected the whole API");
        Assert.Equal(0, await EventCount());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer eng_")]
    [InlineData("Bearer eng_test-bootstrap-admin-key-0123456789abcde")]
    [InlineData("Bearer eng_test-bootstrap-admin-key-0123456789abcdef0")]
    [InlineData("Bearer eng_TEST-BOOTSTRAP-ADMIN-KEY-0123456789ABCDEF")]
    [InlineData("Bearer  eng_test-bootstrap-admin-key-0123456789abcdef x")]
    [InlineData("bearer eng_' OR '1'='1")]
    public async Task a_malformed_or_near_miss_authorization_header_is_a_401(string header)
    {
        var response = await Host.GetJson("/api/organizations", s => s.WithRequestHeader("Authorization", header));

        response.ShouldBeProblem(401);
    }

    [Fact]
    public async Task an_oversized_key_is_a_401()
    {
        var response = await Host.GetJson("/api/organizations", s => s.WithRequestHeader("Authorization", "Bearer eng_" + new string('a', 10_000)));

        response.ShouldBeProblem(401);
        // Beyond the 32 KiB of all headers the request is refused before any key is read.
        (await Host.GetJson("/api/organizations", s => s.WithRequestHeader("Authorization", "Bearer eng_" + new string('a', 100_000))))
            .ShouldBeProblem(431);
    }
}
