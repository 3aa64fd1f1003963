using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Engagement.Tests.Web;
using Ical.Net;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Work;

/// <summary>
/// A member of staff takes an ask in the browser: makes themself responsible, plans its follow-up, finds it on My work
/// (the first page of their navigation), subscribes to their calendar and revokes the address again.
/// </summary>
public class my_work_in_the_browser(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task a_member_of_staff_takes_an_ask_plans_its_follow_up_and_subscribes_to_their_calendar()
    {
        var name = $"Robin Field {Guid.NewGuid().ToString("N")[..6]}";
        using var invited = await Fixture.Api.PostAsJsonAsync("api/users", new { name, email = $"robin.{Guid.NewGuid():N}@chamber.example", role = "staff" });
        var invitation = JsonNode.Parse(await invited.Content.ReadAsStringAsync())!;
        Assert.True(invited.IsSuccessStatusCode, invitation.ToJsonString());
        await Page.GotoAsync(invitation["invitationUrl"]!.GetValue<string>());
        await Page.GetByLabel("New password").FillAsync(WorkScenarios.Password);
        await Page.GetByLabel("The same password again").FillAsync(WorkScenarios.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + "/"));
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link).First).ToHaveTextAsync("My work");

        var ask = (await ApiAsync("api/asks?limit=1"))["items"]![0]!;
        var askId = ask["id"]!.GetValue<Guid>();
        var followUpOn = BrowserFixture.Today.AddDays(2).ToString("yyyy-MM-dd");
        await Page.GotoAsync($"/asks/{askId}");
        await Action("Responsible").ClickAsync();
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Responsible", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = name });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(Page.Locator("dd").Filter(new() { HasText = name })).ToBeVisibleAsync();
        await Action("Next follow-up").ClickAsync();
        await Page.GetByLabel("Next follow-up on").FillAsync(followUpOn);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save the follow-up date" }).ClickAsync();
        await Expect(Page.Locator("dd").Filter(new() { HasText = followUpOn })).ToBeVisibleAsync();
        await Expect(Page.Locator("ol.history")).ToContainTextAsync($"Made {name} responsible");
        await Expect(Page.Locator("ol.history")).ToContainTextAsync($"Planned the next follow-up for {followUpOn}");

        await Page.GetByRole(AriaRole.Link, new() { Name = "My work" }).First.ClickAsync();
        await Expect(Heading("My work")).ToBeVisibleAsync();
        var item = Page.GetByRole(AriaRole.List, new() { Name = "My work, most pressing first" }).GetByRole(AriaRole.Listitem).First;
        await Expect(item).ToContainTextAsync($"next follow-up {followUpOn}");
        await Expect(item).ToContainTextAsync("due soon");
        await Expect(item.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/asks/{askId}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Make a calendar address" }).ClickAsync();
        var address = await Page.GetByLabel("Calendar address", new() { Exact = true }).InputValueAsync();
        Assert.Matches($"^{BaseUrl}/calendar/[A-Za-z0-9_-]{{43}}\\.ics$", address);
        await ScreenshotsAsync("my-work");
        using var calendarApp = new HttpClient();
        var calendar = Calendar.Load(await calendarApp.GetStringAsync(address))!;
        var entry = Assert.Single(calendar.Events, e => e.Uid == $"ask-{askId}-follow-up@engagement");
        Assert.Equal(BrowserFixture.Today.AddDays(2), entry.DtStart!.Date);
        Assert.Equal($"{BaseUrl}/asks/{askId}", entry.Url!.ToString());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(Page.GetByText("No calendar address yet.")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(address)).StatusCode);
        ShouldHaveNoProblems();
    }

    /// <summary>The summary that opens one of an item's forms.</summary>
    private ILocator Action(string title) =>
        Page.Locator("details.action > summary").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{title}$") });
}
