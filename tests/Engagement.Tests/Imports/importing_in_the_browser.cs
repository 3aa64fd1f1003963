using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Engagement.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Imports;

/// <summary>
/// A member of staff brings a spreadsheet in from the import page: a file with a bad cell is shown by row and column and
/// cannot be imported; the corrected one is imported with its progress shown, and lands in the register.
/// A duplicate name typed into the organisation form is caught, with the existing one to open and "register anyway".
/// </summary>
public class importing_in_the_browser(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task a_file_is_previewed_with_its_errors_then_imported_with_progress()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await SignInAsync("/imports");
        await Expect(Heading("Import records")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Download the organisations template" }))
            .ToHaveAttributeAsync("href", "/api/imports/templates/organizations");

        await Page.GetByLabel("CSV file").SetInputFilesAsync(Csv("members.csv", $"name,kind\nAlpha {tag},member\nBeta {tag},ministry\n"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        var errors = Page.GetByRole(AriaRole.Table, new() { Name = "Errors by row and column" });
        await Expect(errors).ToContainTextAsync("must be one of government, member, chamber, other");
        Assert.Equal([["3", "kind", "must be one of government, member, chamber, other"]], await RowsAsync(errors));
        await Expect(Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Import ") })).ToHaveCountAsync(0);
        await ScreenshotsAsync("import-errors");

        await Page.GetByLabel("CSV file").SetInputFilesAsync(Csv("members.csv", $"name,kind\nAlpha {tag},member\nBeta {tag},chamber\n"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import 2 new records" }).ClickAsync();
        await Expect(Page.GetByText("2 created, 0 already recorded")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ScreenshotsAsync("import-done");

        var found = await ApiAsync($"api/organizations?q={tag}");
        Assert.Equal(2, found["total"]!.GetValue<int>());
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task a_duplicate_organisation_is_caught_with_the_existing_one_to_open_or_register_anyway()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var response = await Fixture.Api.PostAsJsonAsync("api/organizations", new { name = $"{tag} UX Widgets Ltd", kind = "member" });
        var existing = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
        await SignInAsync("/organizations/new");

        await Page.GetByLabel("Name").FillAsync($"{tag} ux widgets limited");
        await Page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Member company" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register the organisation" }).ClickAsync();
        var notice = Page.Locator(".notice.duplicate");
        await Expect(notice).ToContainTextAsync($"An organisation named “{tag} UX Widgets Ltd” already exists — open it, or register anyway.");
        await Expect(notice.GetByRole(AriaRole.Link, new() { Name = $"Open “{tag} UX Widgets Ltd”" }))
            .ToHaveAttributeAsync("href", $"/organizations/{existing}");
        await ScreenshotsAsync("duplicate-organisation");

        await notice.GetByRole(AriaRole.Button, new() { Name = "Register anyway" }).ClickAsync();
        await Expect(Heading($"{tag} ux widgets limited")).ToBeVisibleAsync();
        Assert.Equal(2, (await ApiAsync($"api/organizations?q={tag}"))["total"]!.GetValue<int>());
        ShouldHaveNoProblems("409 from POST", "console error: Failed to load resource: the server responded with a status of 409");
    }
}
