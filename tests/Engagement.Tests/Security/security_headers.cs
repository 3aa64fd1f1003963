using Alba;
using Engagement.Tests.Support;

namespace Engagement.Tests.Security;

public class security_headers(AppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string> Responses => new()
    {
        "API JSON", "problem", "validation problem", "HTML page", "API reference page", "401", "403", "413", "redirect", "health", "OpenAPI document",
        "unknown route"
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task every_answer_forbids_sniffing_and_framing(string answer)
    {
        var result = await Send(answer);
        var headers = result.Context.Response.Headers;

        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("DENY", headers.XFrameOptions.ToString());
        Assert.Contains("frame-ancestors 'none'", headers.ContentSecurityPolicy.ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
    }

    [Theory]
    [InlineData("API JSON")]
    [InlineData("problem")]
    [InlineData("401")]
    public async Task api_answers_allow_no_content_at_all(string answer)
    {
        var csp = (await Send(answer)).Context.Response.Headers.ContentSecurityPolicy.ToString();

        Assert.StartsWith("default-src 'none'", csp);
    }

    [Fact]
    public async Task the_sign_in_page_posts_its_form_only_to_this_site()
    {
        var csp = (await Send("HTML page")).Context.Response.Headers.ContentSecurityPolicy.ToString();

        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("*", csp);
    }

    private async Task<IScenarioResult> Send(string answer)
    {
        var viewer = answer == "403" ? (await Host.PostOk("/api/keys", new { name = "viewer", role = "viewer" }))["key"]!.GetValue<string>() : null;
        var result = await Host.Scenario(s =>
        {
            switch (answer)
            {
                case "API JSON": s.Get.Url("/api/organizations"); break;
                case "problem": s.Get.Url($"/api/organizations/{Guid.NewGuid()}"); break;
                case "validation problem": s.Post.Json(new { name = "", kind = "member" }).ToUrl("/api/organizations"); break;
                case "HTML page": s.Get.Url("/auth/sign-in"); break;
                case "API reference page": s.Get.Url("/docs/"); break;
                case "401":
                    s.Get.Url("/api/organizations");
                    s.WithRequestHeader("Authorization", "");
                    break;
                case "403":
                    s.Post.Json(new { name = "X", kind = "member" }).ToUrl("/api/organizations");
                    s.WithBearerToken(viewer!);
                    break;
                case "413":
                    s.Post.Url("/api/organizations");
                    s.ConfigureHttpContext(http => http.Request.ContentLength = 1024 * 1024);
                    break;
                case "redirect": s.Post.FormData(new Dictionary<string, string> { ["key"] = "eng_unknown" }).ToUrl("/auth/sign-out"); break;
                case "health": s.Get.Url("/health/live"); break;
                case "OpenAPI document": s.Get.Url("/openapi/v1.json"); break;
                case "unknown route": s.Get.Url("/api/no/such/route"); break;
                default: throw new ArgumentOutOfRangeException(nameof(answer), answer, null);
            }
            s.IgnoreStatusCode();
        });
        var expected = answer switch
        {
            "problem" or "unknown route" => 404, "validation problem" => 400, "401" => 401, "403" => 403, "413" => 413, "redirect" => 302,
            _ => 200
        };
        Assert.True(result.Context.Response.StatusCode == expected,
            $"{answer}: expected {expected}, got {result.Context.Response.StatusCode} {await result.ReadAsTextAsync()}");
        return result;
    }
}
