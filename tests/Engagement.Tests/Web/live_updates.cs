using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class live_updates(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly LocatorAssertionsToHaveTextOptions WithinTwoSeconds = new() { Timeout = 2000 };

    [Fact]
    public async Task an_open_dashboard_and_register_show_a_meeting_logged_through_the_api_within_two_seconds()
    {
        var listening = ListeningAsync();
        await SignInAsync();
        await DashboardShownAsync();
        await listening;
        var recent = Page.Locator(".card").Filter(new() { HasText = "meetings, last 90 days" }).Locator(".n");
        var before = int.Parse(await recent.InnerTextAsync());

        await LogMeetingAsync("Live dashboard check");
        await Expect(recent).ToHaveTextAsync($"{before + 1}", WithinTwoSeconds);
        await ScreenshotsAsync("live-dashboard");

        listening = ListeningAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Meetings", Exact = true }).ClickAsync();
        await Expect(Heading("Meetings")).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var title = await LogMeetingAsync("Live register check");
        await Expect(Page.Locator("table tbody tr").Filter(new() { HasText = title })).ToHaveCountAsync(1, new() { Timeout = 2000 });
        ShouldHaveNoProblems();
    }

    /// <summary>Completes when the page's live connection (GET /api/live) has been answered.</summary>
    private Task ListeningAsync() => Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/live", StringComparison.Ordinal) && r.Status == 200);

    private async Task<string> LogMeetingAsync(string title)
    {
        var ministry = (await ApiAsync("api/organizations?q=" + Uri.EscapeDataString("Ministry of Science and Technology")));
        var id = (ministry as JsonArray ?? ministry.AsObject().Select(p => p.Value).OfType<JsonArray>().First()).First()!["id"]!.GetValue<Guid>();
        var unique = $"[test] {title} {Guid.NewGuid():N}"[..40];
        using var response = await Fixture.Api.PostAsJsonAsync("api/meetings", new { title = unique, heldOn = BrowserFixture.Today, organizationIds = new[] { id } });
        response.EnsureSuccessStatusCode();
        return unique;
    }
}
