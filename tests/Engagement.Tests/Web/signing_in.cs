using System.Text.RegularExpressions;
using Engagement.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class signing_in(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task a_visitor_without_a_session_signs_in_through_the_form_and_lands_on_the_dashboard()
    {
        await Page.GotoAsync("/");

        await Expect(Page).ToHaveURLAsync(new Regex(@"/auth/sign-in\?ReturnUrl=%2F$", RegexOptions.IgnoreCase));
        await Expect(Heading("Engagement")).ToBeVisibleAsync();
        await Page.GetByLabel("API key").FillAsync(AppFixture.AdminKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + "/"));
        await DashboardShownAsync();
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task a_link_to_a_meeting_leads_there_after_signing_in()
    {
        var meeting = $"/meetings/{Fixture.SeedMeetingId}";
        await Page.GotoAsync(meeting);
        await Expect(Page).ToHaveURLAsync(new Regex(@"/auth/sign-in\?ReturnUrl=" + Regex.Escape(Uri.EscapeDataString(meeting)) + "$",
            RegexOptions.IgnoreCase));

        await Page.GetByLabel("API key").FillAsync(AppFixture.AdminKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + meeting));
        await Expect(Heading(Engagement.Demo.DemoData.SeedMeetingTitle)).ToBeVisibleAsync();
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task an_unknown_key_is_refused_on_the_sign_in_page()
    {
        await Page.GotoAsync("/auth/sign-in");
        await Page.GetByLabel("API key").FillAsync("eng_not-a-key-anyone-was-given");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/auth/sign-in\?error=1&returnUrl=%2F$"));
        await Expect(Page.GetByText("That key is unknown or revoked.")).ToBeVisibleAsync();
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/auth/sign-in\?ReturnUrl=%2F$", RegexOptions.IgnoreCase));
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task signing_out_ends_the_session()
    {
        await SignInAsync();
        await DashboardShownAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + "/auth/sign-in"));
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/auth/sign-in\?ReturnUrl=%2F$", RegexOptions.IgnoreCase));
        ShouldHaveNoProblems();
    }
}
