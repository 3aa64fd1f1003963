using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class inert_text(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task markup_in_a_meeting_is_shown_as_text_and_never_runs()
    {
        await SignInAsync();
        await Page.GotoAsync($"/meetings/{Fixture.HostileMeetingId}");

        await Expect(Heading(BrowserFixture.HostileTitle)).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(Page.GetByText("<script>window.__pwned=2</script>", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByText("<b onmouseover=window.__pwned=3>bold?</b>", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByText("<b onmouseover=window.__pwned=3>bold?</b>", new() { Exact = true }).HoverAsync();
        await Expect(Page.Locator("main img, main script, main b")).ToHaveCountAsync(0);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "markup in the meeting ran as script");

        // The ministry's timeline shows the title too.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ministry of Science and Technology", Exact = true }).ClickAsync();
        await Expect(Heading("Ministry of Science and Technology")).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(Panel("Timeline").GetByText(BrowserFixture.HostileTitle).First).ToBeVisibleAsync();
        await Expect(Page.Locator("main img")).ToHaveCountAsync(0);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "markup in the timeline ran as script");
        ShouldHaveNoProblems();
    }
}
