using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Engagement.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Engagement.Tests.Security;

/// <summary>
/// The token endpoint of an identity provider, served by Kestrel on a port of its own: it redeems the codes the test
/// hands out at the "authorize" step, only with the PKCE verifier that matches the code's challenge.
/// </summary>
public sealed class LocalIssuer
{
    public const string ClientId = "engagement-web";
    private static readonly Lazy<LocalIssuer> Started = new(() => new LocalIssuer());
    public static LocalIssuer Shared => Started.Value;

    private readonly ConcurrentDictionary<string, (string Challenge, string Nonce, string[] Roles)> _codes = new();
    public string TokenEndpoint { get; }
    public int Redeemed;

    private LocalIssuer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId
                || !_codes.TryRemove(form["code"].ToString(), out var issued)
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.Challenge)
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            Interlocked.Increment(ref Redeemed);
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = OidcHost.Issuer, Audience = ClientId, IssuedAt = DateTime.UtcNow, Expires = DateTime.UtcNow.AddMinutes(5),
                Claims = new Dictionary<string, object> { ["sub"] = "u-4711", ["name"] = "Ada Lovelace", ["nonce"] = issued.Nonce, ["roles"] = issued.Roles },
                SigningCredentials = new SigningCredentials(OidcHost.SigningKey, SecurityAlgorithms.RsaSha256)
            });
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = "opaque", ["token_type"] = "Bearer", ["expires_in"] = 300, ["id_token"] = idToken
            });
        });
        app.StartAsync().GetAwaiter().GetResult();
        TokenEndpoint = app.Urls.Single() + "/token";
    }

    /// <summary>What the provider does when the person signs in at its authorize page: a one-time code for this request.</summary>
    public string Authorize(string challenge, string nonce, params string[] roles)
    {
        var code = Guid.NewGuid().ToString("N");
        _codes[code] = (challenge, nonce, roles);
        return code;
    }
}

[Collection(OidcCollection.Name)]
public class oidc_sign_in(OidcHost fixture) : SecurityTest<OidcHost>(fixture)
{
    private static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    [Fact]
    public async Task the_sign_in_page_offers_the_organisations_sign_in()
    {
        var html = await (await new Browser(Host).Get("/auth/sign-in?returnUrl=%2Fmeetings")).Content.ReadAsStringAsync();

        Assert.Contains("href=\"/auth/oidc?returnUrl=%2Fmeetings\">Sign in with your organisation</a>", html);
    }

    [Fact]
    public async Task the_button_starts_the_authorization_code_flow_with_pkce()
    {
        var start = await new Browser(Host).Get("/auth/oidc?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!;
        Assert.StartsWith(OidcHost.Issuer + "/authorize?", location.ToString());
        var query = Query(location);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(LocalIssuer.ClientId, query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"]);
        Assert.Equal("http://localhost/auth/oidc/callback", query["redirect_uri"]);
        Assert.Equal("openid profile", query["scope"]);
    }

    [Fact]
    public async Task a_person_signs_in_through_the_identity_provider_and_gets_the_mapped_role()
    {
        var browser = new Browser(Host);
        var query = Query((await browser.Get("/auth/oidc?returnUrl=%2Fmeetings")).Headers.Location!);
        var code = LocalIssuer.Shared.Authorize(query["code_challenge"], query["nonce"], "ga-team");

        var callback = await browser.Get($"/auth/oidc/callback?code={code}&state={Uri.EscapeDataString(query["state"])}");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/auth/oidc/done?returnUrl=%2Fmeetings", callback.Headers.Location?.OriginalString);
        var me = JsonNode.Parse(await (await browser.Get("/api/me")).Content.ReadAsStringAsync())!;
        Assert.Equal("Ada Lovelace", me.Text("name"));
        Assert.Equal("staff", me.Text("role"));
        Assert.Equal("token", me.Text("kind"));
        var created = await browser.Send(HttpMethod.Post, "/api/organizations", new StringContent("{\"name\":\"Customs\",\"kind\":\"government\"}",
            Encoding.UTF8, "application/json") { Headers = { { "X-CSRF-TOKEN", me.Text("csrfToken") } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"];
        var history = await Host.GetJson($"/api/organizations/{id}/history", s => s.WithBearerToken(Fixture.AdminKey));
        Assert.Equal("Ada Lovelace (u-4711)", history.Body!.AsArray().Single()!.Text("recordedBy"));
    }

    [Fact]
    public async Task a_code_redeemed_without_the_matching_verifier_signs_no_one_in()
    {
        var browser = new Browser(Host);
        var query = Query((await browser.Get("/auth/oidc")).Headers.Location!);
        var code = LocalIssuer.Shared.Authorize("not-the-challenge-of-this-request-0000000000", query["nonce"], "staff");

        var callback = await browser.Get($"/auth/oidc/callback?code={code}&state={Uri.EscapeDataString(query["state"])}");

        Assert.Equal("/auth/sign-in?error=oidc", callback.Headers.Location?.OriginalString);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task a_person_the_provider_gives_no_known_role_is_sent_back_to_sign_in()
    {
        var browser = new Browser(Host);
        var query = Query((await browser.Get("/auth/oidc")).Headers.Location!);
        var code = LocalIssuer.Shared.Authorize(query["code_challenge"], query["nonce"], "finance");

        var callback = await browser.Get($"/auth/oidc/callback?code={code}&state={Uri.EscapeDataString(query["state"])}");

        Assert.Equal("/auth/sign-in?error=oidc", callback.Headers.Location?.OriginalString);
        Assert.Null(browser.Session);
    }
}
