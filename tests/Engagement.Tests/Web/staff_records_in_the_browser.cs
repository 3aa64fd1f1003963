using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

/// <summary>
/// A member of staff does the team's recording in the browser alone: organisations, a person, a meeting with an
/// organisation added inline, an ask and the commitment that answers it, a response, the fulfilment and a correction;
/// each shows in its register and in its item's history under the staff member's name.
/// </summary>
public class staff_records_in_the_browser(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly Regex OrganizationUrl = new(@"/organizations/([0-9a-f-]{36})$");
    private static readonly Regex MeetingUrl = new(@"/meetings/([0-9a-f-]{36})$");

    private async Task<string> SignInAsStaffAsync(string name)
    {
        await SignInAsync(key: await StaffKeyAsync(name));
        return name;
    }

    [Fact]
    public async Task a_member_of_staff_records_a_meeting_and_its_follow_up_without_the_api()
    {
        var staff = await SignInAsStaffAsync("Robin Castle (staff)");
        var tag = Guid.NewGuid().ToString("N")[..6];

        // An organisation form sent empty says what is missing beside each field, and records nothing.
        await Page.GotoAsync("/organizations/new");
        await Page.GetByLabel("Country").FillAsync("China");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register the organisation" }).ClickAsync();
        await Expect(FieldError("name")).ToHaveTextAsync("Name is required.");
        await Expect(Page.GetByLabel("Country")).ToHaveValueAsync("China");
        await Screens("form-errors");

        var ministry = await RegisterOrganizationAsync($"Ministry of Commerce {tag}", "Government");
        var member = await RegisterOrganizationAsync($"Acme Widgets {tag}", "Member company");

        await Page.GotoAsync($"/people/new?organizationId={ministry}");
        await Page.GetByLabel("Name").FillAsync($"Li Wei {tag}");
        await Page.GetByLabel("Title").FillAsync("Director-General");
        await Expect(Page.GetByLabel("Organisation")).ToHaveValueAsync(ministry);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register the person" }).ClickAsync();
        await Expect(Heading($"Li Wei {tag}")).ToBeVisibleAsync();

        // The meeting form: an empty title and a date after today are shown beside their fields, and what was typed stays.
        await Page.GotoAsync("/meetings/new");
        await Page.GetByLabel("Date").FillAsync("2026-12-05");
        await Page.GetByLabel("Summary").FillAsync("Export licences were discussed.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log the meeting" }).ClickAsync();
        await Expect(FieldError("title")).ToHaveTextAsync("Title is required.");
        await Expect(FieldError("heldOn")).ToContainTextAsync("Date must not be after today (2026-11-24)");
        await Expect(Page.GetByLabel("Summary")).ToHaveValueAsync("Export licences were discussed.");
        await Expect(Page.GetByLabel("Date")).ToHaveValueAsync("2026-12-05");
        await Screens("meeting-form-errors");

        await Page.GetByLabel("Title").FillAsync($"Trade talks {tag}");
        await Page.GetByLabel("Date").FillAsync("2026-11-20");
        await Page.GetByLabel("Place").FillAsync("Beijing");
        await PickAsync("Organisations", $"Ministry of Commerce {tag}");
        await PickAsync("Organisations", $"Acme Widgets {tag}");
        // One organisation is not on record yet: added without leaving the form.
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Organisations" }).FillAsync($"Harbour Logistics {tag}");
        await Page.GetByRole(AriaRole.Option, new() { Name = $"Add “Harbour Logistics {tag}” as a new organisation" }).ClickAsync();
        var inline = Page.GetByRole(AriaRole.Group, new() { Name = "New organisation" });
        await inline.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Member company" });
        await inline.GetByRole(AriaRole.Button, new() { Name = "Register and add" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Organisations chosen" })).ToContainTextAsync($"Harbour Logistics {tag}");
        await PickAsync("Participants", $"Li Wei {tag}");
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Topics" }).FillAsync("Export controls");
        await Page.GetByRole(AriaRole.Option, new() { Name = "Use the new topic “Export controls”" }).ClickAsync();
        await Screens("meeting-form");
        // A double click records one meeting.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log the meeting" }).DblClickAsync();
        await Expect(Page).ToHaveURLAsync(MeetingUrl);
        var meetingId = MeetingUrl.Match(Page.Url).Groups[1].Value;
        await Expect(Heading($"Trade talks {tag}")).ToBeVisibleAsync();
        var harbour = (await ApiAsync($"api/organizations?q=Harbour%20Logistics%20{tag}")) is var found ? Items(found).Single()!["id"]!.GetValue<string>() : "";
        var logged = await EventuallyAsync(async () => Items(await ApiAsync($"api/meetings?organizationId={harbour}")), items => items.Count > 0);
        Assert.Single(logged);

        // An ask raised by the member company, and the ministry's commitment that answers it.
        await OpenAsync("Raise an ask");
        var ask = Page.GetByRole(AriaRole.Form, new() { Name = "Raise an ask" });
        await ask.GetByLabel("Raised by").SelectOptionAsync(new SelectOptionValue { Label = $"Acme Widgets {tag}" });
        await ask.GetByLabel("Addressed to").SelectOptionAsync(new SelectOptionValue { Label = $"Ministry of Commerce {tag}" });
        await ask.GetByLabel("Topic").FillAsync("Export controls");
        await ask.GetByLabel("The ask").FillAsync($"Publish the licence criteria {tag}");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Raise the ask" }).ClickAsync();
        await Expect(Panel("Asks raised")).ToContainTextAsync($"Publish the licence criteria {tag}");

        await OpenAsync("Make a commitment");
        var commit = Page.GetByRole(AriaRole.Form, new() { Name = "Make a commitment" });
        await commit.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = $"Ministry of Commerce {tag}" });
        await commit.GetByLabel("Commitment").FillAsync($"Criteria on the ministry's site {tag}");
        await commit.GetByLabel("Due on").FillAsync("2026-12-31");
        await commit.GetByLabel("Answers the ask").SelectOptionAsync(new SelectOptionValue { Label = $"Export controls: Publish the licence criteria {tag}" });
        await commit.GetByRole(AriaRole.Button, new() { Name = "Record the commitment" }).ClickAsync();
        await Expect(Panel("Commitments")).ToContainTextAsync($"Criteria on the ministry's site {tag}");
        await Screens("meeting");

        // The ask's page: a response.
        await Panel("Asks raised").GetByRole(AriaRole.Link, new() { Name = $"Publish the licence criteria {tag}" }).ClickAsync();
        await Expect(Heading("Ask: Export controls")).ToBeVisibleAsync();
        await OpenAsync("Record a response");
        await Page.GetByRole(AriaRole.Form, new() { Name = "Record a response" }).GetByLabel("Response").FillAsync($"Under review by the ministry {tag}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record the response" }).ClickAsync();
        await Expect(Panel("Responses")).ToContainTextAsync($"Under review by the ministry {tag}");
        await Expect(HistoryEntry("Recorded a response")).ToContainTextAsync(staff);
        await Screens("ask");

        // The commitment's page: fulfilled.
        await Page.GotoAsync($"/meetings/{meetingId}");
        await Panel("Commitments").GetByRole(AriaRole.Link, new() { Name = $"Criteria on the ministry's site {tag}" }).ClickAsync();
        await Expect(Heading("Commitment")).ToBeVisibleAsync();
        await OpenAsync("Fulfil");
        await Page.GetByRole(AriaRole.Form, new() { Name = "Fulfil" }).GetByLabel("Note", new() { Exact = true }).FillAsync("Published on 2026-11-23");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Mark as fulfilled" }).ClickAsync();
        await Expect(Panel("The commitment")).ToContainTextAsync("fulfilled");
        await Expect(HistoryEntry("Fulfilled on")).ToContainTextAsync(staff);
        await Screens("commitment");

        // The meeting corrected, with its reason in the history.
        await Page.GotoAsync($"/meetings/{meetingId}");
        await OpenAsync("Correct the meeting");
        var correct = Page.GetByRole(AriaRole.Form, new() { Name = "Correct the meeting" });
        await correct.GetByLabel("Title").FillAsync($"Trade and licensing talks {tag}");
        await correct.GetByLabel("Reason for the correction").FillAsync("The readout names licensing too");
        await correct.GetByRole(AriaRole.Button, new() { Name = "Record the correction" }).ClickAsync();
        await Expect(Heading($"Trade and licensing talks {tag}")).ToBeVisibleAsync();
        await Expect(HistoryEntry("Reason: The readout names licensing too")).ToContainTextAsync(staff);
        await Expect(HistoryEntry("Logged the meeting")).ToContainTextAsync(staff);

        // Each in its register.
        await Page.GotoAsync($"/organizations?q={tag}");
        await Expect(Page.Locator("table.rows tbody tr")).ToHaveCountAsync(3);
        await Screens("organisations-register");
        await Page.GotoAsync($"/people?q={tag}");
        await Expect(Page.Locator("table.rows tbody")).ToContainTextAsync($"Li Wei {tag}");
        await Page.GotoAsync($"/asks?status=all&raisedById={member}");
        await Expect(Page.Locator("table.rows tbody")).ToContainTextAsync($"Publish the licence criteria {tag}");
        await Expect(Page.Locator("table.rows tbody")).ToContainTextAsync("answered");
        await Screens("asks-register");
        // The export holds the same rows as the register, as a spreadsheet opens them.
        var export = await Page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href");
        Assert.Contains($"raisedById={member}", export);
        var csv = await Page.APIRequest.GetAsync(export!);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        var body = await csv.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        using (var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new StringReader(System.Text.Encoding.UTF8.GetString(body[3..])))
               { Delimiters = [","], HasFieldsEnclosedInQuotes = true })
        {
            var header = parser.ReadFields()!;
            var rows = new List<Dictionary<string, string>>();
            while (!parser.EndOfData) rows.Add(header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second));
            var row = Assert.Single(rows);
            Assert.Equal($"Publish the licence criteria {tag}", row["text"]);
            Assert.Equal($"Acme Widgets {tag}", row["raisedBy"]);
            Assert.Equal("answered", row["status"]);
        }
        await Page.GotoAsync($"/commitments?status=fulfilled&ownerId={ministry}");
        await Expect(Page.Locator("table.rows tbody")).ToContainTextAsync($"Criteria on the ministry's site {tag}");
        await EventuallyAsync(async () => Items(await ApiAsync($"api/meetings?organizationId={harbour}")),
            items => items.Any(m => m!["title"]!.GetValue<string>() == $"Trade and licensing talks {tag}"));
        await Page.GotoAsync($"/meetings?organizationId={harbour}");
        await Expect(Page.Locator("table.rows tbody")).ToContainTextAsync($"Trade and licensing talks {tag}");
        await Screens("meetings-register");
        ShouldHaveNoProblems("400 from POST", "console error: Failed to load resource: the server responded with a status of 400");
    }

    [Fact]
    public async Task a_page_changed_by_a_colleague_since_it_was_opened_says_so_and_offers_a_reload()
    {
        await SignInAsStaffAsync("Sam Ortiz (staff)");
        await Page.GotoAsync($"/meetings/{Fixture.HostileMeetingId}");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await OpenAsync("Add a note");
        var note = Page.GetByRole(AriaRole.Form, new() { Name = "Add a note" });
        await note.GetByLabel("Note (required)").FillAsync("Noted from the page");

        // A colleague adds a note through the API meanwhile.
        using (var response = await Fixture.Api.PostAsJsonAsync($"api/meetings/{Fixture.HostileMeetingId}/notes", new { text = "A colleague's note" }))
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        await note.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Expect(note.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed by a colleague since you opened it");
        await Expect(note.GetByLabel("Note (required)")).ToHaveValueAsync("Noted from the page");
        await Screens("stale");
        await note.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await Expect(Panel("Notes")).ToContainTextAsync("A colleague's note");
        await Expect(note.GetByLabel("Note (required)")).ToHaveValueAsync("Noted from the page");
        await note.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Expect(Panel("Notes")).ToContainTextAsync("Noted from the page");
        ShouldHaveNoProblems("412 from POST", "console error: Failed to load resource: the server responded with a status of 412");
    }

    private async Task<string> RegisterOrganizationAsync(string name, string kind)
    {
        await Page.GotoAsync("/organizations/new");
        await Page.GetByLabel("Name").FillAsync(name);
        await Page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register the organisation" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(OrganizationUrl);
        await Expect(Heading(name)).ToBeVisibleAsync();
        return OrganizationUrl.Match(Page.Url).Groups[1].Value;
    }

    private async Task PickAsync(string field, string name)
    {
        var box = Page.GetByRole(AriaRole.Combobox, new() { Name = field });
        await box.FillAsync(name);
        // The "Add … as new" option is offered at once, the records found a moment later: wait for the record itself.
        await Page.GetByRole(AriaRole.Option, new() { Name = name }).Filter(new() { HasNotText = "Add “" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = $"{field} chosen" })).ToContainTextAsync(name);
    }

    private Task OpenAsync(string action) => Page.Locator("details.action > summary", new() { HasText = action }).First.ClickAsync();

    /// <summary>The error shown beside the field for this member of the request.</summary>
    private ILocator FieldError(string field) => Page.Locator($".field[data-field='{field}'] .field-error");

    private ILocator HistoryEntry(string text) => Panel("History").Locator("ol.history > li", new() { HasText = text }).First;

    private static JsonArray Items(JsonNode answer) => answer is JsonArray array ? array
        : answer["items"]?.AsArray() ?? answer.AsObject().Select(p => p.Value).OfType<JsonArray>().First();

    private static async Task<JsonArray> EventuallyAsync(Func<Task<JsonArray>> read, Func<JsonArray, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var items = await read();
            if (done(items) || DateTime.UtcNow > deadline) return items;
            await Task.Delay(200);
        }
    }

    /// <summary>A screenshot at desktop width and one at phone width (390 px).</summary>
    private async Task Screens(string name)
    {
        await ScreenshotAsync($"staff-{name}-desktop");
        await Page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync($"staff-{name}-phone");
        await Page.SetViewportSizeAsync(1280, 900);
    }
}
