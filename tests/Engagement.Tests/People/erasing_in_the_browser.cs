using Engagement.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.People;

public class erasing_in_the_browser(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task an_administrator_erases_a_person_from_their_page_and_staff_do_not_see_how()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var name = $"Zhao Min {tag}";
        var ministry = await CreatedAsync("api/organizations", new { name = $"Ministry of Ecology {tag}", kind = "government" });
        var person = await CreatedAsync("api/people", new { name, title = "Director of Climate Policy", organizationId = ministry });
        var meeting = await CreatedAsync("api/meetings", new { title = $"Climate dialogue {tag}", heldOn = "2026-11-20", organizationIds = new[] { ministry }, participantIds = new[] { person } });
        await CreatedAsync($"api/meetings/{meeting}/notes", new { text = $"{name} will send the draft.", mentions = new[] { person } });

        await SignInAsync($"/people/{person}", key: await StaffKeyAsync("erasure staff"));
        await Expect(Heading(name)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data…" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Download their data" })).ToHaveCountAsync(0);
        await Page.Context.ClearCookiesAsync();

        await SignInAsync($"/people/{person}");
        await Expect(Heading(name)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Download their data" })).ToHaveAttributeAsync("href", $"/api/people/{person}/export");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data…" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = $"Erase the personal data of {name}" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Director of Climate Policy");
        Assert.Empty(await Axe.SeriousViolationsAsync(Page));
        await ScreenshotAsync("erase-dialog");

        await dialog.GetByLabel("Reason").FillAsync("He asked for erasure by letter.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Tick the box to confirm the erasure.");
        await Expect(Heading(name)).ToBeVisibleAsync();

        await dialog.GetByRole(AriaRole.Checkbox).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();

        await Expect(Heading("Erased person")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Note)).ToContainTextAsync("Personal data erased on 2026-11-24 by ");
        await Expect(Page.GetByRole(AriaRole.Note)).ToContainTextAsync("Reason: He asked for erasure by letter.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data…" })).ToHaveCountAsync(0);
        Assert.Empty(await Axe.SeriousViolationsAsync(Page));
        await ScreenshotAsync("erased-person");
        // The timeline is an asynchronous read model: it may trail the erasure by a moment.
        for (var attempt = 1; (await ShownAsync()).Contains("Zhao") && attempt < 30; attempt++) await Page.ReloadAsync();
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Zhao");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Climate Policy");

        await Page.GotoAsync($"/meetings/{meeting}");
        await Expect(Heading($"Climate dialogue {tag}")).ToBeVisibleAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync("Erased person will send the draft.");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Zhao");
        ShouldHaveNoProblems();
    }

    /// <summary>The person page's text once its record and its timeline are shown.</summary>
    private async Task<string> ShownAsync()
    {
        await Expect(Heading("Erased person")).ToBeVisibleAsync();
        await Expect(Panel("Timeline")).ToBeVisibleAsync();
        return await Page.Locator("main").InnerTextAsync();
    }
}
