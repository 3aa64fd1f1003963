using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alba;
using Engagement.Tests.Security;
using Engagement.Tests.Support;

namespace Engagement.Tests.Work;

/// <summary>A person who signs in, with their browser (cookies, the anti-forgery token) for calls made as them.</summary>
public sealed record SignedInUser(Guid Id, string Name, string Email, Browser Browser, string CsrfToken)
{
    public async Task<(int Status, JsonNode? Body)> Get(string path)
    {
        var response = await Browser.Get(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<(int Status, JsonNode? Body)> Send(HttpMethod method, string path, object? body = null)
    {
        var content = new StringContent(body is null ? "" : System.Text.Json.JsonSerializer.Serialize(body, Scenarios.Json), Encoding.UTF8,
            "application/json");
        content.Headers.Add("X-CSRF-TOKEN", CsrfToken);
        var response = await Browser.Send(method, path, body is null && method == HttpMethod.Delete ? EmptyWithToken() : content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private StringContent EmptyWithToken()
    {
        var content = new StringContent("");
        content.Headers.ContentType = null;
        content.Headers.Add("X-CSRF-TOKEN", CsrfToken);
        return content;
    }
}

public static class WorkScenarios
{
    public const string Password = "correct horse battery staple";

    /// <summary>Invites a user and sets their password through the invitation link, as the person would: an active user.</summary>
    public static async Task<SignedInUser> ActiveUser(this IAlbaHost host, string name, string role = "staff")
    {
        var email = $"{Regex.Replace(name.ToLowerInvariant(), "[^a-z]+", ".")}.{Guid.NewGuid():N}@chamber.example";
        var invited = await host.PostOk("/api/users", new { name, email, role });
        var link = invited.Text("invitationUrl");
        var browser = new Browser(host);
        var html = await (await browser.Get(link)).Content.ReadAsStringAsync();
        var hidden = Regex.Match(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
        Assert.True(hidden.Success, html);
        var answer = await browser.PostForm(link, (WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value)),
            ("password", Password), ("confirmation", Password));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return await Session(invited["id"]!.GetValue<Guid>(), name, email, browser);
    }

    /// <summary>Signs the user in again with their password, in a new browser: a session ends when the test clock moves on by days.</summary>
    public static async Task<SignedInUser> SignInAgain(this IAlbaHost host, SignedInUser user)
    {
        var browser = new Browser(host);
        var token = await browser.SignInForm();
        var answer = await browser.PostForm("/auth/sign-in", token, ("email", user.Email), ("password", Password));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return await Session(user.Id, user.Name, user.Email, browser);
    }

    private static async Task<SignedInUser> Session(Guid id, string name, string email, Browser browser)
    {
        var me = JsonNode.Parse(await (await browser.Get("/api/me")).Content.ReadAsStringAsync())!;
        return new SignedInUser(id, name, email, browser, me.Text("csrfToken"));
    }

    /// <summary>An ask raised at a fresh meeting between a ministry and a member company.</summary>
    public static async Task<Guid> Ask(this IAlbaHost host, DateOnly heldOn)
    {
        var ministry = await host.Organization($"Ministry {Guid.NewGuid():N}");
        var member = await host.Organization($"Member {Guid.NewGuid():N}", "member");
        return await host.Suggestion(await host.Meeting(heldOn, ministry, member), member, ministry);
    }

    public static async Task<Guid> Commitment(this IAlbaHost host, DateOnly heldOn, DateOnly? dueOn)
    {
        var ministry = await host.Organization($"Ministry {Guid.NewGuid():N}");
        return await host.Commitment(await host.Meeting(heldOn, ministry), ministry, dueOn);
    }

    public static async Task<(int Status, string Body)> Delete(this IAlbaHost host, string url, string? ifMatch = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Delete.Url(url);
            if (ifMatch is not null) s.WithRequestHeader("If-Match", ifMatch);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    public static Task<JsonNode> Assign(this IAlbaHost host, string kind, Guid id, Guid responsibleId) =>
        host.PostOk($"/api/{kind}/{id}/responsible", new { responsibleId });
}
