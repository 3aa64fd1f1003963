using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Engagement.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Organizations;

/// <summary>
/// A member of staff finds a ministry registered twice, merges the duplicate into the record to keep from the
/// duplicate's page, and lands on the survivor, which now shows the meetings of both.
/// </summary>
public class merging_in_the_browser(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private async Task SignInAsStaffAsync() => await SignInAsync(key: await StaffKeyAsync("Merging staff"));

    private static async Task EventuallyAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done() && DateTime.UtcNow < deadline) await Task.Delay(200);
    }

    [Fact]
    public async Task staff_merge_a_duplicate_from_its_page_and_land_on_the_survivor_showing_both()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (keep, duplicate) = ($"Ministry of Ports {tag}", $"Ports Ministry {tag}");
        var survivorId = await CreatedAsync("api/organizations", new { name = keep, kind = "government" });
        var duplicateId = await CreatedAsync("api/organizations", new { name = duplicate, kind = "government" });
        var member = await CreatedAsync("api/organizations", new { name = $"Harbour Cranes {tag}", kind = "member" });
        await CreatedAsync("api/meetings", new { title = $"Port fees {tag}", heldOn = "2026-11-02", organizationIds = new[] { survivorId, member } });
        await CreatedAsync("api/meetings", new { title = $"Customs at the quay {tag}", heldOn = "2026-11-12", organizationIds = new[] { duplicateId, member } });
        // The figures and timelines are projected asynchronously: the duplicate's meeting is in them before the merge.
        await EventuallyAsync(async () => (await Fixture.Api.GetFromJsonAsync<JsonNode>($"api/organizations/{duplicateId}/timeline"))!["items"]!
            .AsArray().Any(i => i!["kind"]!.GetValue<string>() == "meeting-held"));
        await EventuallyAsync(async () => (await Fixture.Api.GetFromJsonAsync<JsonNode>($"api/engagement/{duplicateId}"))!["stakeholder"]!
            ["meetings"]!.GetValue<int>() == 1);
        await SignInAsStaffAsync();

        await Page.GotoAsync($"/organizations/{duplicateId}");
        await Expect(Heading(duplicate)).ToBeVisibleAsync();
        await Page.Locator("details.action > summary", new() { HasText = "Merge into another organisation…" }).ClickAsync();
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Merge into another organisation" });

        // Nothing picked: said beside the fields, and nothing is sent.
        await form.GetByRole(AriaRole.Button, new() { Name = "Review the merge…" }).ClickAsync();
        await Expect(form.Locator(".field[data-field='survivorId'] .field-error")).ToContainTextAsync("pick the organisation to keep");
        await Expect(form.Locator(".field[data-field='reason'] .field-error")).ToContainTextAsync("Reason is required");

        // The picker offers organisations of the same kind only, never this one.
        var picker = form.GetByRole(AriaRole.Combobox, new() { Name = "The organisation to keep" });
        await picker.FillAsync(tag);
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = keep })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = duplicate })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = $"Harbour Cranes {tag}" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Option, new() { Name = keep }).ClickAsync();
        await form.GetByLabel("Reason").FillAsync("Registered twice under two spellings");
        await form.GetByRole(AriaRole.Button, new() { Name = "Review the merge…" }).ClickAsync();

        var confirmation = form.Locator(".merge-confirm");
        await Expect(confirmation).ToContainTextAsync($"{duplicate} will be merged into {keep}");
        await Expect(confirmation).ToContainTextAsync("Both histories are kept");
        Assert.Empty(await Axe.SeriousViolationsAsync(Page));
        await ScreenshotAsync("merge-confirmation");
        await form.GetByRole(AriaRole.Button, new() { Name = $"Merge into {keep}" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Exactly($"{BaseUrl}/organizations/{survivorId}"));
        await Expect(Heading(keep)).ToBeVisibleAsync();
        await Expect(Page.GetByText($"Also registered as: {duplicate}")).ToBeVisibleAsync();
        await Expect(Page.Locator(".merge-confirm")).ToHaveCountAsync(0);
        await Expect(Panel("Timeline")).ToContainTextAsync($"Port fees {tag}");
        await Expect(Panel("Timeline")).ToContainTextAsync($"Customs at the quay {tag}");
        await Expect(Page.Locator(".cards .card", new() { HasText = "meetings in all" }).Locator(".n")).ToHaveTextAsync("2");
        await ScreenshotAsync("merge-survivor");

        await Page.GotoAsync($"/organizations/{duplicateId}");
        var note = Page.Locator(".notice.merged");
        await Expect(note).ToContainTextAsync($"Merged into {keep} on 2026-11-24: Registered twice under two spellings");
        await Expect(Page.Locator("details.action > summary", new() { HasText = "Merge into another organisation…" })).ToHaveCountAsync(0);
        Assert.Empty(await Axe.SeriousViolationsAsync(Page));
        await note.GetByRole(AriaRole.Link, new() { Name = keep }).ClickAsync();
        await Expect(Heading(keep)).ToBeVisibleAsync();
        ShouldHaveNoProblems();
    }
}
