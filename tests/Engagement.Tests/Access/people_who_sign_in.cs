using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Engagement.Tests.Security;
using Engagement.Tests.Support;

namespace Engagement.Tests.Access;

public class people_who_sign_in(AppFixture fixture) : ApiTest(fixture)
{
    private const string Password = "correct horse battery staple";

    private async Task<(Guid Id, string Link)> Invite(string name, string email, string role = "staff")
    {
        var invited = await Host.PostOk("/api/users", new { name, email, role });
        return (invited["id"]!.GetValue<Guid>(), invited.Text("invitationUrl"));
    }

    /// <summary>Opens the invitation link, sets the password twice, and answers the browser (signed in unless refused).</summary>
    private async Task<(Browser Browser, HttpResponseMessage Answer)> SetPassword(string link, string password = Password, string? again = null)
    {
        var browser = new Browser(Host);
        var page = await browser.Get(link);
        var html = await page.Content.ReadAsStringAsync();
        var hidden = Regex.Match(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
        Assert.True(hidden.Success, html);
        var answer = await browser.PostForm(link, (WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value)),
            ("password", password), ("confirmation", again ?? password));
        return (browser, answer);
    }

    private async Task<(Browser Browser, Guid Id)> SignedInUser(string name = "Mei Chen", string email = "mei.chen@chamber.example", string role = "staff")
    {
        var (id, link) = await Invite(name, email, role);
        var (browser, answer) = await SetPassword(link);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return (browser, id);
    }

    private static async Task<HttpResponseMessage> SignInWithPassword(Browser browser, string email, string password)
    {
        var token = await browser.SignInForm();
        return await browser.PostForm("/auth/sign-in", token, ("email", email), ("password", password));
    }

    private static async Task<string> CsrfToken(Browser browser) =>
        JsonNode.Parse(await (await browser.Get("/api/me")).Content.ReadAsStringAsync())!.Text("csrfToken");

    private static Task<HttpResponseMessage> PostJson(Browser browser, string path, string json, string? csrf)
    {
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        if (csrf is not null) content.Headers.Add("X-CSRF-TOKEN", csrf);
        return browser.Send(HttpMethod.Post, path, content);
    }

    [Fact]
    public async Task an_invited_user_is_listed_as_invited_with_a_one_time_link_that_is_not_stored()
    {
        var (id, link) = await Invite("Mei Chen", "Mei.Chen@Chamber.example");

        Assert.Matches("^/auth/invitations/[A-Za-z0-9_-]{43}$", link);
        var list = await Host.GetOk("/api/users");
        var user = list["items"]!.AsArray().Single()!;
        Assert.Equal(id, user["id"]!.GetValue<Guid>());
        Assert.Equal("Mei.Chen@Chamber.example", user.Text("email"));
        Assert.Equal("staff", user.Text("role"));
        Assert.Equal("invited", user.Text("status"));
        Assert.Equal(Clock.GetUtcNow(), user["invitedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(user["lastSignInAt"]);
        Assert.Equal(1, list["total"]!.GetValue<int>());
        var history = (await Host.GetOk($"/api/users/{id}/history")).ToJsonString();
        Assert.DoesNotContain(link.Split('/')[^1], history);
        Assert.DoesNotContain("hash", history, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task setting_a_password_through_the_link_signs_the_user_in_once_and_for_all()
    {
        var (id, link) = await Invite("Mei Chen", "mei.chen@chamber.example");
        var (browser, answer) = await SetPassword(link);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
        var me = JsonNode.Parse(await (await browser.Get("/api/me")).Content.ReadAsStringAsync())!;
        Assert.Equal(id.ToString(), me.Text("id"));
        Assert.Equal("Mei Chen", me.Text("name"));
        Assert.Equal("mei.chen@chamber.example", me.Text("email"));
        Assert.Equal("staff", me.Text("role"));
        Assert.Equal("user", me.Text("kind"));
        Assert.True(me.Text("csrfToken").Length > 20);
        Assert.Equal("active", (await Host.GetOk($"/api/users/{id}")).Text("status"));

        var again = await new Browser(Host).Get(link);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("no longer works", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_password_too_short_or_typed_differently_twice_is_refused_on_the_page()
    {
        var (id, link) = await Invite("Mei Chen", "mei.chen@chamber.example");

        var (_, short_) = await SetPassword(link, "short");
        var (_, different) = await SetPassword(link, Password, Password + "!");

        Assert.Equal(HttpStatusCode.BadRequest, short_.StatusCode);
        Assert.Contains("at least 12 characters", await short_.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, different.StatusCode);
        Assert.Contains("The two passwords differ", await different.Content.ReadAsStringAsync());
        Assert.Equal("invited", (await Host.GetOk($"/api/users/{id}")).Text("status"));
    }

    [Fact]
    public async Task a_user_signs_in_with_email_in_any_case_and_password_and_the_sign_in_is_recorded()
    {
        var (_, id) = await SignedInUser(email: "signs.in@chamber.example");
        Clock.Advance(TimeSpan.FromHours(1));

        var browser = new Browser(Host);
        var answer = await SignInWithPassword(browser, "SIGNS.IN@chamber.example", Password);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/api/organizations")).StatusCode);
        Assert.Equal(Clock.GetUtcNow(), (await Host.GetOk($"/api/users/{id}"))["lastSignInAt"]!.GetValue<DateTimeOffset>());
        var history = (await Host.GetOk($"/api/users/{id}/history")).AsArray();
        Assert.Equal(["UserInvited", "UserPasswordSet", "UserSignedIn", "UserSignedIn"], history.Select(e => e!.Text("type")).Select(Short));
        Assert.Equal($"Mei Chen ({id})", history[^1]!.Text("recordedBy"));
    }

    private static string Short(string type) => type.Split('.')[^1].Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]).Aggregate(string.Concat);

    [Fact]
    public async Task a_wrong_password_and_an_unknown_email_are_refused_alike()
    {
        await SignedInUser(email: "wrong.password@chamber.example");

        var wrong = await SignInWithPassword(new Browser(Host), "wrong.password@chamber.example", "not the password at all");
        var unknown = await SignInWithPassword(new Browser(Host), "nobody@chamber.example", Password);

        Assert.Equal("/auth/sign-in?error=password&returnUrl=%2F", wrong.Headers.Location?.OriginalString);
        Assert.Equal("/auth/sign-in?error=password&returnUrl=%2F", unknown.Headers.Location?.OriginalString);
        var page = await (await new Browser(Host).Get("/auth/sign-in?error=password")).Content.ReadAsStringAsync();
        Assert.Contains("That email and password do not match an active account.", page);
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        var (_, id) = await SignedInUser(email: "locked.out@chamber.example");
        for (var i = 1; i <= 4; i++)
            Assert.EndsWith("error=password&returnUrl=%2F", (await SignInWithPassword(new Browser(Host), "locked.out@chamber.example", $"wrong {i}")).Headers.Location?.OriginalString);

        var fifth = await SignInWithPassword(new Browser(Host), "locked.out@chamber.example", "wrong 5");
        var rightButLocked = await SignInWithPassword(new Browser(Host), "locked.out@chamber.example", Password);

        Assert.Contains("error=locked", fifth.Headers.Location?.OriginalString);
        Assert.Contains("error=locked", rightButLocked.Headers.Location?.OriginalString);
        Assert.NotNull((await Host.GetOk($"/api/users/{id}"))["lockedUntil"]);

        Clock.Advance(TimeSpan.FromMinutes(15));
        var browser = new Browser(Host);
        Assert.Equal("/", (await SignInWithPassword(browser, "locked.out@chamber.example", Password)).Headers.Location?.OriginalString);
        Assert.NotNull(browser.Session);
    }

    [Fact]
    public async Task password_attempts_for_one_email_from_one_address_are_rate_limited()
    {
        for (var i = 0; i < 10; i++)
            Assert.Contains("error=password", (await SignInWithPassword(new Browser(Host), "guess@chamber.example", $"guess {i}")).Headers.Location?.OriginalString);

        var eleventh = await SignInWithPassword(new Browser(Host), "guess@chamber.example", "guess 11");

        Assert.Contains("error=busy", eleventh.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task events_recorded_from_a_users_session_carry_their_name_and_id()
    {
        var (browser, id) = await SignedInUser();

        var created = await PostJson(browser, "/api/organizations", "{\"name\":\"Customs\",\"kind\":\"government\"}", await CsrfToken(browser));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"];
        var history = (await Host.GetOk($"/api/organizations/{organization}/history")).AsArray();
        Assert.Equal($"Mei Chen ({id})", history.Single()!.Text("recordedBy"));
    }

    [Fact]
    public async Task a_write_with_the_session_cookie_needs_the_anti_forgery_token_and_a_key_needs_none()
    {
        var (browser, _) = await SignedInUser();
        var before = await EventCount();

        var without = await PostJson(browser, "/api/organizations", "{\"name\":\"Customs\",\"kind\":\"government\"}", null);
        var wrong = await PostJson(browser, "/api/organizations", "{\"name\":\"Customs\",\"kind\":\"government\"}", "not-the-token");

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal("application/problem+json", without.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Reload the page and try again", await without.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(before, await EventCount());
        Assert.Equal(201, (await Host.PostJson("/api/organizations", new { name = "Customs", kind = "government" })).Status);
        Assert.Null((await Host.GetOk("/api/me"))["csrfToken"]);
    }

    [Fact]
    public async Task deactivating_a_user_ends_their_session_at_once_and_reactivating_lets_them_sign_in_again()
    {
        var (browser, id) = await SignedInUser(email: "deactivated@chamber.example");
        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/api/organizations")).StatusCode);

        (await Host.PostJson($"/api/users/{id}/deactivation", new { reason = "Left the chamber" })).ShouldBeWritten(200, 4);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Get("/api/organizations")).StatusCode);
        Assert.Contains("error=password", (await SignInWithPassword(new Browser(Host), "deactivated@chamber.example", Password)).Headers.Location?.OriginalString);
        Assert.Equal("deactivated", (await Host.GetOk($"/api/users/{id}")).Text("status"));
        (await Host.PostJson($"/api/users/{id}/deactivation", new { })).ShouldBeProblem(409);

        await Host.PostOk($"/api/users/{id}/reactivation", new { });
        Assert.Equal("/", (await SignInWithPassword(new Browser(Host), "deactivated@chamber.example", Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task a_new_role_applies_to_the_open_session()
    {
        var (browser, id) = await SignedInUser(role: "viewer");
        var csrf = await CsrfToken(browser);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJson(browser, "/api/organizations", "{\"name\":\"A\",\"kind\":\"member\"}", csrf)).StatusCode);

        await Host.PostOk($"/api/users/{id}/role", new { role = "staff" });

        Assert.Equal(HttpStatusCode.Created, (await PostJson(browser, "/api/organizations", "{\"name\":\"A\",\"kind\":\"member\"}", csrf)).StatusCode);
        (await Host.PostJson($"/api/users/{id}/role", new { role = "staff" })).ShouldBeProblem(409);
        (await Host.PostJson($"/api/users/{id}/role", new { role = "integration" })).ShouldRejectField("role");
    }

    [Fact]
    public async Task an_email_belongs_to_one_user_whatever_its_case()
    {
        await Invite("Mei Chen", "mei.chen@chamber.example");

        var messages = await Host.PostRejectingField("/api/users", new { name = "Another Mei", email = "MEI.CHEN@CHAMBER.EXAMPLE", role = "viewer" }, "email");

        Assert.Contains("a user already has this email", messages[0]);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("mei@")]
    [InlineData("Mei <mei@chamber.example>")]
    [InlineData("")]
    public async Task an_invitation_needs_an_email_address(string email) =>
        await Host.PostRejectingField("/api/users", new { name = "Mei Chen", email, role = "staff" }, "email");

    [Fact]
    public async Task an_invitation_needs_a_name_and_a_role_a_person_may_have()
    {
        await Host.PostRejectingField("/api/users", new { name = "", email = "a@chamber.example", role = "staff" }, "name");
        await Host.PostRejectingField("/api/users", new { name = "A", email = "a@chamber.example", role = "integration" }, "role");
        await Host.PostRejectingField("/api/users", new { name = "A", email = "a@chamber.example" }, "role");
    }

    [Fact]
    public async Task a_new_invitation_voids_the_old_link_and_links_expire()
    {
        var (id, first) = await Invite("Mei Chen", "mei.chen@chamber.example");
        var second = (await Host.PostOk($"/api/users/{id}/invitation", new { })).Text("invitationUrl");

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await new Browser(Host).Get(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(Host).Get(second)).StatusCode);

        Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.NotFound, (await new Browser(Host).Get(second)).StatusCode);
    }

    [Fact]
    public async Task the_last_active_administrator_may_not_be_deactivated_or_demoted()
    {
        var (browser, id) = await SignedInUser("Ada Admin", "ada@chamber.example", "admin");
        // The bootstrap key is the other administrator: with it revoked, the user is the last.
        var bootstrap = (await Host.GetOk("/api/keys"))["items"]!.AsArray().Single(k => k!.Text("name") == "bootstrap")!["id"]!.GetValue<Guid>();
        await using (var session = Fixture.Store.LightweightSession())
        {
            session.Events.Append(bootstrap, new Engagement.Access.ApiKeyRevoked(bootstrap, "test"));
            await session.SaveChangesAsync();
        }
        var csrf = await CsrfToken(browser);
        var before = await EventCount();

        var deactivation = await PostJson(browser, $"/api/users/{id}/deactivation", "{}", csrf);
        var demotion = await PostJson(browser, $"/api/users/{id}/role", "{\"role\":\"staff\"}", csrf);

        Assert.Equal(HttpStatusCode.Conflict, deactivation.StatusCode);
        Assert.Contains("last active administrator", await deactivation.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, demotion.StatusCode);
        Assert.Equal(before, await EventCount());

        var other = await PostJson(browser, "/api/keys", "{\"name\":\"second admin\",\"role\":\"admin\"}", csrf);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJson(browser, $"/api/users/{id}/role", "{\"role\":\"staff\"}", csrf)).StatusCode);
    }

    [Fact]
    public async Task the_user_list_filters_by_status_and_text_and_pages_by_name()
    {
        foreach (var name in new[] { "Carol", "alice", "Bob", "Dave", "Erin" }) await Invite(name, $"{name.ToLowerInvariant()}@chamber.example");
        var (_, link) = await Invite("Frank", "frank@other.example");
        await SetPassword(link);

        var first = await Host.GetOk("/api/users?limit=2");
        var second = await Host.GetOk($"/api/users?limit=2&cursor={first.Text("nextCursor")}");
        var active = await Host.GetOk("/api/users?status=active");
        var text = await Host.GetOk("/api/users?q=OTHER.example");

        Assert.Equal(["alice", "Bob"], first["items"]!.AsArray().Select(u => u!.Text("name")));
        Assert.Equal(6, first["total"]!.GetValue<int>());
        Assert.Equal(2, first["limit"]!.GetValue<int>());
        Assert.Equal(["Carol", "Dave"], second["items"]!.AsArray().Select(u => u!.Text("name")));
        Assert.Equal(["Frank"], active["items"]!.AsArray().Select(u => u!.Text("name")));
        Assert.Equal(["Frank"], text["items"]!.AsArray().Select(u => u!.Text("name")));
        Assert.Null((await Host.GetOk("/api/users?limit=10"))["nextCursor"]);
        (await Host.GetJson("/api/users?limit=0")).ShouldRejectField("limit");
        (await Host.GetJson("/api/users?status=superuser")).ShouldRejectField("status");
        (await Host.GetJson("/api/users?cursor=garbage")).ShouldRejectField("cursor");
        (await Host.GetJson($"/api/users?limit=2&sort=email&cursor={first.Text("nextCursor")}")).ShouldRejectField("cursor");
    }

    [Fact]
    public async Task only_administrators_manage_users()
    {
        var staff = (await Host.PostOk("/api/keys", new { name = "front desk", role = "staff" })).Text("key");

        (await Host.PostJson("/api/users", new { name = "X", email = "x@chamber.example", role = "admin" }, s => s.WithBearerToken(staff))).ShouldBeProblem(403);
        (await Host.GetJson("/api/users", s => s.WithBearerToken(staff))).ShouldBeProblem(403);
        var me = (await Host.GetJson("/api/me", s => s.WithBearerToken(staff))).Body!;
        Assert.Equal("key", me.Text("kind"));
        Assert.Equal("staff", me.Text("role"));
        Assert.Equal("front desk", me.Text("name"));
    }

    [Fact]
    public async Task the_sign_in_page_has_landmarks_and_a_label_for_every_field()
    {
        var html = await (await new Browser(Host).Get("/auth/sign-in")).Content.ReadAsStringAsync();

        Assert.Contains("<header>", html);
        Assert.Contains("<main>", html);
        foreach (var field in new[] { "email", "password", "key" })
        {
            Assert.Contains($"<label for=\"{field}\">", html);
            Assert.Contains($"id=\"{field}\" name=\"{field}\"", html);
        }
        Assert.DoesNotContain("Sign in with your organisation", html);
    }
}
