using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Engagement.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class drilling_down(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly Regex OrganizationUrl = new(@"/organizations/([0-9a-f-]{36})$");
    private static readonly Regex MeetingUrl = new(@"/meetings/([0-9a-f-]{36})$");

    [Fact]
    public async Task from_the_most_engaged_stakeholder_to_its_health_and_timeline_and_on_to_a_meeting()
    {
        await SignInAsync();
        await DashboardShownAsync();

        var stakeholder = Panel("Most engaged stakeholders").Locator("tbody a").First;
        var name = await stakeholder.InnerTextAsync();
        await stakeholder.ClickAsync();

        await Expect(Page).ToHaveURLAsync(OrganizationUrl);
        var organizationId = OrganizationUrl.Match(Page.Url).Groups[1].Value;
        await Expect(Heading(name)).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var engagement = (await ApiAsync($"api/engagement/{organizationId}"))["stakeholder"]!;
        var cards = await CardsAsync();
        Assert.Equal(engagement["health"]!.GetValue<string>().Replace('-', ' '), cards["health"]);
        Assert.Equal(engagement["lastMetOn"]!.GetValue<string>(), cards["last met"]);
        Assert.Equal($"{engagement["meetings"]}", cards["meetings in all"]);
        Assert.Equal($"{engagement["openAsks"]}", cards["open asks addressed to them"]);
        Assert.Equal($"{engagement["overdueCommitments"]}", cards["overdue commitments"]);

        var timeline = (await ApiAsync($"api/organizations/{organizationId}/timeline"))["items"]!.AsArray();
        var entries = Panel("Timeline").Locator("ul.timeline > li");
        await Expect(entries).ToHaveCountAsync(timeline.Count);
        Assert.True(timeline.Count > 1, "the most engaged stakeholder has a timeline");
        await Expect(entries.First.Locator(".on")).ToHaveTextAsync(timeline[0]!["on"]!.GetValue<string>());
        await ScreenshotAsync("stakeholder");

        var first = Panel("Timeline").Locator("ul.timeline a[href^='/meetings/']").First;
        var meetingHref = await first.GetAttributeAsync("href");
        await first.ClickAsync();

        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + meetingHref));
        var meetingId = MeetingUrl.Match(Page.Url).Groups[1].Value;
        var meeting = await ApiAsync($"api/meetings/{meetingId}");
        await ShouldShowMeetingAsync(meeting);
        await Expect(Definition("Organisations")).ToContainTextAsync(name);
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task the_seed_meeting_shows_the_vice_minister_the_two_asks_and_the_commitments()
    {
        await SignInAsync();
        await Page.GotoAsync($"/meetings/{Fixture.SeedMeetingId}");

        await Expect(Heading(DemoData.SeedMeetingTitle)).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(Page.Locator("main > p.muted")).ToHaveTextAsync("2023-07-14");
        await Expect(Definition("Participants")).ToContainTextAsync(
            "Zhang Guangjun, Vice Minister of Science and Technology, Ministry of Science and Technology");
        await Expect(Definition("Participants")).ToContainTextAsync(
            "Michael Hart, President, American Chamber of Commerce in China (AmCham China)");

        var asks = await RowsAsync(Panel("Asks raised").Locator("table"));
        Assert.Equal(2, asks.Count);
        Assert.All(asks, a =>
        {
            Assert.Equal(DemoData.MemberCompaniesName, a[0]);
            Assert.Equal("Ministry of Science and Technology", a[1]);
            Assert.Equal("open", a[4]);
        });
        Assert.Contains(asks, a => a[3].StartsWith("Optimise the innovation ecosystem"));
        Assert.Contains(asks, a => a[3].StartsWith("Support foreign enterprises to conduct research"));
        Assert.Equal(5, await Panel("Commitments").Locator("tbody tr").CountAsync());
        await Expect(Panel("Commitments")).ToContainTextAsync("White Paper on American Companies in China");
        await Expect(Panel("Notes")).ToContainTextAsync("representatives from the chamber’s member companies presented suggestions");
        await ShouldShowMeetingAsync(await ApiAsync($"api/meetings/{Fixture.SeedMeetingId}"));
        await ScreenshotAsync("seed-meeting");

        // And back: the ministry's timeline leads to the same meeting.
        await Definition("Organisations").GetByRole(AriaRole.Link, new() { Name = "Ministry of Science and Technology", Exact = true }).ClickAsync();
        await Expect(Heading("Ministry of Science and Technology")).ToBeVisibleAsync();
        var onTheDay = Panel("Timeline").Locator("li").Filter(new() { Has = Page.Locator(".on", new() { HasText = "2023-07-14" }) });
        await onTheDay.Locator("a[href^='/meetings/']").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(Exactly($"{BaseUrl}/meetings/{Fixture.SeedMeetingId}"));
        await Expect(Heading(DemoData.SeedMeetingTitle)).ToBeVisibleAsync();
        ShouldHaveNoProblems();
    }

    /// <summary>The meeting page against the API's view of the meeting.</summary>
    private async Task ShouldShowMeetingAsync(JsonNode meeting)
    {
        await Expect(Page.Locator(".error")).ToHaveCountAsync(0);
        await Expect(Heading(meeting["title"]!.GetValue<string>())).ToBeVisibleAsync();
        Assert.Equal(meeting["organizations"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()),
            await Definition("Organisations").GetByRole(AriaRole.Link).AllInnerTextsAsync());
        foreach (var participant in meeting["participants"]!.AsArray())
            await Expect(Definition("Participants")).ToContainTextAsync(participant!["name"]!.GetValue<string>());
        var suggestions = meeting["suggestions"]!.AsArray();
        var commitments = meeting["commitments"]!.AsArray();
        Assert.Equal(suggestions.Count == 0 ? [["None."]] : suggestions.Select(s => s!["text"]!.GetValue<string>()).Select(t => new[] { t }),
            (await RowsAsync(Panel("Asks raised").Locator("table"))).Select(r => r.Length == 1 ? r : [r[3]]));
        Assert.Equal(commitments.Count == 0 ? [["None."]] : commitments.Select(c => c!["description"]!.GetValue<string>()).Select(t => new[] { t }),
            (await RowsAsync(Panel("Commitments").Locator("table"))).Select(r => r.Length == 1 ? r : [r[1]]));
    }

    /// <summary>The &lt;dd&gt; after the &lt;dt&gt; with this text.</summary>
    private ILocator Definition(string term) => Page.Locator($"dt:text-is('{term}') + dd");
}
