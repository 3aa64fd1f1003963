using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Engagement.Tests.Support;

namespace Engagement.Tests.Security;

/// <summary>A browser in miniature: keeps cookies, sends no Authorization header, does not follow redirects.</summary>
public sealed class Browser(IAlbaHost host)
{
    private static readonly Uri Site = new("http://localhost/");
    private readonly HttpClient _client = host.Server.CreateClient();

    public CookieContainer Cookies { get; } = new();

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content = null)
    {
        var uri = new Uri(Site, path);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        // Cookies by the request's path, as a browser sends them: some (OIDC correlation) are scoped to one path.
        var cookies = Cookies.GetCookieHeader(uri);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var cookie in set) Cookies.SetCookies(uri, cookie);
        return response;
    }

    public Task<HttpResponseMessage> Get(string path) => Send(HttpMethod.Get, path);

    public Task<HttpResponseMessage> PostForm(string path, params (string Name, string Value)[] fields) =>
        Send(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    /// <summary>The anti-forgery field of the sign-in page, after loading it (which also sets its cookie).</summary>
    public async Task<(string Name, string Value)> SignInForm()
    {
        var html = await (await Get("/auth/sign-in")).Content.ReadAsStringAsync();
        var hidden = Regex.Match(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
        Assert.True(hidden.Success, "no hidden anti-forgery field in the sign-in page: " + html);
        return (WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value));
    }

    public async Task<HttpResponseMessage> SignIn(string key, string? returnUrl = null)
    {
        var token = await SignInForm();
        return returnUrl is null
            ? await PostForm("/auth/sign-in", token, ("key", key))
            : await PostForm("/auth/sign-in", token, ("key", key), ("returnUrl", returnUrl));
    }

    public Cookie? Session => Cookies.GetCookies(Site)[Engagement.Access.SignIn.CookieName];
}

public class web_sign_in(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<(string Key, Guid Id)> Issue(string role)
    {
        var issued = await Host.PostOk("/api/keys", new { name = $"{role} at the desk", role });
        return (issued["key"]!.GetValue<string>(), issued["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task the_sign_in_page_is_a_form_with_an_anti_forgery_field()
    {
        var browser = new Browser(Host);
        var page = await browser.Get("/auth/sign-in");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form method=\"post\" action=\"/auth/sign-in\">", html);
        Assert.Contains("name=\"key\" type=\"password\"", html);
        var (name, value) = await browser.SignInForm();
        Assert.Equal("__RequestVerificationToken", name);
        Assert.True(value.Length > 20, value);
        Assert.NotNull(browser.Cookies.GetCookies(new Uri("http://localhost/"))["engagement-af"]);
    }

    [Fact]
    public async Task signing_in_with_a_key_sets_a_session_cookie_that_reads_the_api_without_a_key()
    {
        var browser = new Browser(Host);
        var signedIn = await browser.SignIn(AppFixture.AdminKey);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("engagement-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        var organizations = await browser.Get("/api/organizations");
        Assert.Equal(HttpStatusCode.OK, organizations.StatusCode);
        Assert.False(organizations.RequestMessage!.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task a_session_carries_the_role_of_its_key()
    {
        var (viewer, _) = await Issue("viewer");
        var browser = new Browser(Host);
        await browser.SignIn(viewer);

        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/api/organizations")).StatusCode);
        var write = await browser.Send(HttpMethod.Post, "/api/organizations",
            new StringContent("{\"name\":\"X\",\"kind\":\"member\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await EventCount()); // the viewer key's own stream
    }

    [Fact]
    public async Task a_sign_in_without_the_anti_forgery_token_is_refused()
    {
        var browser = new Browser(Host);
        await browser.SignInForm();

        var withoutToken = await browser.PostForm("/auth/sign-in", ("key", AppFixture.AdminKey));
        var stranger = new Browser(Host);
        var tokenWithoutCookie = await stranger.PostForm("/auth/sign-in", await browser.SignInForm(), ("key", AppFixture.AdminKey));

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal("application/problem+json", withoutToken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, tokenWithoutCookie.StatusCode);
        Assert.Null(browser.Session);
        Assert.Null(stranger.Session);
    }

    [Fact]
    public async Task an_unknown_key_redirects_back_to_the_form_with_an_error()
    {
        var browser = new Browser(Host);
        var refused = await browser.SignIn("eng_not-a-key-we-ever-issued-0000000000000");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/auth/sign-in?error=1&returnUrl=%2F", refused.Headers.Location?.OriginalString);
        Assert.Null(browser.Session);
        var page = await (await browser.Get("/auth/sign-in?error=1")).Content.ReadAsStringAsync();
        Assert.Contains("That key is unknown or revoked.", page);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Get("/api/organizations")).StatusCode);
    }

    [Fact]
    public async Task signing_out_clears_the_session()
    {
        var browser = new Browser(Host);
        await browser.SignIn(AppFixture.AdminKey);
        Assert.NotNull(browser.Session);

        var signedOut = await browser.Send(HttpMethod.Post, "/auth/sign-out");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/auth/sign-in", signedOut.Headers.Location?.OriginalString);
        Assert.Null(browser.Session);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Get("/api/organizations")).StatusCode);
    }

    [Fact]
    public async Task a_session_ends_when_its_key_is_revoked()
    {
        var (staff, id) = await Issue("staff");
        var browser = new Browser(Host);
        await browser.SignIn(staff);
        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/api/organizations")).StatusCode);

        var revoked = await Host.Scenario(s => s.Delete.Url($"/api/keys/{id}"));
        Assert.Equal(200, revoked.Context.Response.StatusCode);

        var after = await browser.Get("/api/organizations");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/organizations", "/api/organizations")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/%2F%2Fevil.example/", "/%2F%2Fevil.example/")]
    public async Task sign_in_returns_only_to_a_page_of_this_site(string returnUrl, string location)
    {
        var signedIn = await new Browser(Host).SignIn(AppFixture.AdminKey, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(location, signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task the_api_answers_a_browser_without_a_session_with_401_not_a_redirect()
    {
        var response = await new Browser(Host).Get("/api/organizations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
