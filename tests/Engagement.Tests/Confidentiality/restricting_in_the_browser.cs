using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Engagement.Tests.Web;
using Engagement.Tests.Work;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Confidentiality;

/// <summary>
/// A member of staff restricts a meeting from its page; a colleague it does not list opens the same page and sees only
/// that a restricted meeting with those organisations took place that day.
/// </summary>
public class restricting_in_the_browser(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private async Task<(Guid Id, string Link)> InviteAsync(string name)
    {
        using var invited = await Fixture.Api.PostAsJsonAsync("api/users", new { name, email = $"{Guid.NewGuid():N}@chamber.example", role = "staff" });
        var invitation = JsonNode.Parse(await invited.Content.ReadAsStringAsync())!;
        Assert.True(invited.IsSuccessStatusCode, invitation.ToJsonString());
        return (invitation["id"]!.GetValue<Guid>(), invitation["invitationUrl"]!.GetValue<string>());
    }

    private async Task AcceptAsync(string link)
    {
        await Page.Context.ClearCookiesAsync();
        await Page.GotoAsync(link);
        await Page.GetByLabel("New password").FillAsync(WorkScenarios.Password);
        await Page.GetByLabel("The same password again").FillAsync(WorkScenarios.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + "/"));
    }

    [Fact]
    public async Task staff_restrict_a_meeting_from_its_page_and_a_colleague_sees_the_placeholder()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var alice = $"Alice Keeper {tag}";
        var (_, aliceLink) = await InviteAsync(alice);
        var (_, bobLink) = await InviteAsync($"Bob Other {tag}");
        using var organization = await Fixture.Api.PostAsJsonAsync("api/organizations", new { name = $"Ministry of Finance {tag}", kind = "government" });
        var ministry = JsonNode.Parse(await organization.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
        var title = $"Tax treaty briefing {tag}";
        using var logged = await Fixture.Api.PostAsJsonAsync("api/meetings", new
        {
            title, heldOn = BrowserFixture.Today.AddDays(-1), organizationIds = new[] { ministry }, summary = $"Draft treaty terms {tag}"
        });
        var meeting = JsonNode.Parse(await logged.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();

        await AcceptAsync(aliceLink);
        await Page.GotoAsync($"/meetings/{meeting}");
        await Expect(Heading(title)).ToBeVisibleAsync();
        await Page.Locator("details.action > summary").Filter(new() { HasText = "Restrict…" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = alice })).ToBeCheckedAsync();
        await Page.GetByLabel("Reason").FillAsync("Market-sensitive until the treaty is signed");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Restrict the meeting" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Locator(".pill.restricted")).ToHaveTextAsync("restricted");
        await Expect(Page.GetByRole(AriaRole.Note)).ToContainTextAsync($"only {alice} see what was discussed");
        await Expect(Page.Locator("ol.history")).ToContainTextAsync($"Restricted the meeting to {alice}. Reason: Market-sensitive");
        await ScreenshotsAsync("restricted-meeting-cleared");

        await AcceptAsync(bobLink);
        await Page.GotoAsync($"/meetings/{meeting}");
        await Expect(Heading("Restricted meeting restricted")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Note)).ToContainTextAsync($"visible only to {alice}");
        await Expect(Page.GetByRole(AriaRole.Note)).ToContainTextAsync("Market-sensitive until the treaty is signed");
        await Expect(Page.GetByText(BrowserFixture.Today.AddDays(-1).ToString("yyyy-MM-dd"), new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Ministry of Finance {tag}" })).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var shown = await Page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(title, shown);
        Assert.DoesNotContain("Draft treaty terms", shown);
        Assert.Empty(await Axe.SeriousViolationsAsync(Page));
        await ScreenshotsAsync("restricted-meeting-placeholder");

        await Page.GotoAsync($"/meetings?from={BrowserFixture.Today.AddDays(-1):yyyy-MM-dd}&to={BrowserFixture.Today.AddDays(-1):yyyy-MM-dd}");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Restricted meeting" }).First).ToBeVisibleAsync();
        Assert.DoesNotContain(title, await Page.Locator("main").InnerTextAsync());
        ShouldHaveNoProblems();
    }
}
