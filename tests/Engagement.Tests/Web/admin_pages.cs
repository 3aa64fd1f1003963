using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.Tests.Webhooks;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class admin_pages(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task an_admin_issues_a_key_registers_a_webhook_sees_its_delivery_and_retries_it()
    {
        await using var receiver = await Receiver.StartAsync();
        await SignInAsync("/admin/keys");
        await Expect(Heading("API keys")).ToBeVisibleAsync();

        var name = $"CRM sync {Guid.NewGuid():N}"[..17];
        await Page.GetByLabel("Name").FillAsync(name);
        await Page.GetByLabel("Role").SelectOptionAsync("integration");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        var shown = Page.GetByLabel($"The key “{name}” (integration)");
        await Expect(shown).ToHaveValueAsync(new Regex("^eng_"));
        var key = await shown.InputValueAsync();
        using (var integration = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") })
        {
            integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("api/dashboard")).StatusCode);
        }
        var keyRow = Rows().Filter(new() { HasText = name });
        await Expect(keyRow).ToContainTextAsync("integration");
        await ScreenshotsAsync("admin-keys");

        await Page.GotoAsync("/admin/webhooks");
        await Page.GetByLabel("URL").FillAsync(receiver.Url);
        await Page.GetByLabel("Description").FillAsync("Browser test receiver");
        await Page.GetByLabel("organization.registered").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register endpoint" }).ClickAsync();
        await Expect(Page.GetByLabel("Signing secret of the new endpoint")).ToHaveValueAsync(new Regex("^whsec_"));
        var endpoint = Rows().Filter(new() { HasText = "Browser test receiver" });
        await Expect(endpoint).ToContainTextAsync("organization.registered");
        await Expect(endpoint).ToContainTextAsync("enabled");
        await ScreenshotsAsync("admin-webhooks");

        using (var registered = await Fixture.Api.PostAsJsonAsync("api/organizations", new { name = $"Webhook test body {name}", kind = "other" }))
            registered.EnsureSuccessStatusCode();
        var first = await ReceivedAsync(receiver, 1);
        Assert.Equal("organization.registered", first.Type);

        await endpoint.GetByRole(AriaRole.Link, new() { Name = "Delivery log" }).ClickAsync();
        await Expect(Heading("Delivery log")).ToBeVisibleAsync();
        var delivery = Rows().Filter(new() { HasText = "organization.registered" });
        await Expect(delivery).ToHaveCountAsync(1);
        await Expect(delivery).ToContainTextAsync("succeeded");
        await Expect(delivery).ToContainTextAsync("HTTP 200");
        await Expect(delivery).ToContainTextAsync("thanks");
        await Expect(delivery.Locator("td[data-label='Attempt']")).ToHaveTextAsync("1");

        await delivery.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        var again = await ReceivedAsync(receiver, 2);
        Assert.Equal(first.Id, again.Id);
        // The log is read again while an attempt waits; the second one may have been made before the page looked.
        var second = delivery.Filter(new() { Has = Page.Locator("td[data-label='Attempt']", new() { HasTextRegex = new Regex("^2$") }) })
            .Filter(new() { HasText = "succeeded" });
        for (var tries = 0; tries < 30 && await second.CountAsync() == 0; tries++)
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        await Expect(second).ToHaveCountAsync(1);
        await ScreenshotsAsync("admin-webhook-log");
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task an_invited_staff_user_sets_a_password_signs_in_and_is_signed_out_when_deactivated()
    {
        await SignInAsync("/admin/users");
        await Expect(Heading("Users")).ToBeVisibleAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = $"Dana Staff {tag}";
        var email = $"dana.{tag}@chamber.example";
        var invite = Page.GetByRole(AriaRole.Region, new() { Name = "Invite a user" });
        await invite.GetByLabel("Name").FillAsync(name);
        await invite.GetByLabel("Email").FillAsync(email);
        await invite.GetByLabel("Role").SelectOptionAsync("staff");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var shown = Page.GetByLabel($"Invitation link for {name}");
        await Expect(shown).ToHaveValueAsync(new Regex($"^{Regex.Escape(BaseUrl)}/auth/invitations/.+"));
        var link = await shown.InputValueAsync();
        var row = Page.Locator("table tbody tr").Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("invited");
        await ScreenshotsAsync("admin-users");

        await using var theirs = await Fixture.Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "en-GB", TimezoneId = "UTC" });
        var staff = await theirs.NewPageAsync();
        await staff.GotoAsync(link);
        await staff.GetByLabel("New password").FillAsync("a long staff password 42");
        await staff.GetByLabel("The same password again").FillAsync("a long staff password 42");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(Exactly(BaseUrl + "/"));
        await Expect(staff.Locator(".me")).ToHaveTextAsync($"Signed in as {name} (staff)");
        // The Admin pages are not in a member of staff's navigation.
        await Expect(staff.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);

        // The invitation was taken (an event), so the admin's open register shows it without a reload.
        await Expect(row).ToContainTextAsync("active");
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {name} and sign them out" }).ClickAsync();
        await Expect(row).ToContainTextAsync("deactivated");

        await staff.ReloadAsync();
        await Expect(staff).ToHaveURLAsync(new Regex($"^{Regex.Escape(BaseUrl)}/auth/sign-in"));
        ShouldHaveNoProblems();
    }

    private ILocator Rows() => Page.Locator("table.admin-rows tbody tr");

    private static async Task<Received> ReceivedAsync(Receiver receiver, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (receiver.Requests.Count < count)
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"The receiver got {receiver.Requests.Count} deliveries, not {count}.");
            await Task.Delay(100);
        }
        return receiver.Requests[count - 1];
    }
}
