using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class api_reference_page(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task the_api_reference_renders_for_a_signed_in_reader_within_the_content_security_policy()
    {
        await SignInAsync("/docs", new Regex("/docs/?$"));

        await Expect(Page.GetByText("Dashboard").First).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ScreenshotAsync("api-reference");
        // The reference's bundled zod probes whether it may compile validators with Function(""), catches the refusal
        // and validates without: the CSP's refusal of eval is reported, but nothing breaks.
        ShouldHaveNoProblems($"console error: CSP violation: script-src refused eval on {BaseUrl}/docs/ ");
    }
}
