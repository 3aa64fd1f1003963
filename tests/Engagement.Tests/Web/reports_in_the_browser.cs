using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class reports_in_the_browser(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task the_member_report_from_an_organisation_page_lists_its_asks_and_a_link_that_makes_it_again()
    {
        var members = (await ApiAsync("api/organizations?kind=member&limit=500"))["items"]!.AsArray();
        var all = (await ApiAsync("api/reports/member?from=2000-01-01"))["asks"]!.AsArray();
        var member = members.First(m => all.Any(a => a!["raisedBy"]!["id"]!.GetValue<string>() == m!["id"]!.GetValue<string>()))!;
        var id = member["id"]!.GetValue<string>();
        var name = member["name"]!.GetValue<string>();

        await SignInAsync($"/organizations/{id}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Member report", Exact = true }).ClickAsync();
        await Expect(Heading($"Member report: {name}")).ToBeVisibleAsync();
        await Page.GetByLabel("From").FillAsync("2000-01-01");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("from=2000-01-01"));

        var asks = (await ApiAsync($"api/reports/member?organizationId={id}&from=2000-01-01"))["asks"]!.AsArray();
        Assert.NotEmpty(asks);
        await Expect(Panel("Asks").Locator("tbody tr")).ToHaveCountAsync(asks.Count);
        await Expect(Panel("Asks").Locator("tbody")).ToContainTextAsync(asks[0]!["addressedTo"]!["name"]!.GetValue<string>());

        var again = Page.GetByRole(AriaRole.Link, new() { Name = "Link that makes this report again as it is" });
        var href = await again.GetAttributeAsync("href");
        Assert.Matches(@"asOf=\d{4}-\d{2}-\d{2}", href);
        Assert.Contains("knownAt=", href);
        Assert.Contains($"organizationId={id}", href);
        await again.ClickAsync();
        await Expect(Page.Locator(".banner")).ToBeVisibleAsync();
        await Expect(Panel("Asks").Locator("tbody tr")).ToHaveCountAsync(asks.Count);

        var csv = Page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" });
        var answer = await Page.APIRequest.GetAsync((await csv.GetAttributeAsync("href"))!);
        Assert.StartsWith("text/csv", answer.Headers["content-type"]);
        Assert.Equal(asks.Count + 1, (await answer.TextAsync()).Trim().Split('\n').Length);
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task the_disclosure_report_shows_each_meeting_with_public_officials_and_prints_without_the_controls()
    {
        var report = await ApiAsync("api/reports/disclosure?from=2000-01-01");
        await SignInAsync("/reports");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Disclosure report" }).ClickAsync();
        await Expect(Heading("Disclosure report: meetings with public officials")).ToBeVisibleAsync();
        await Page.GetByLabel("From").FillAsync("2000-01-01");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await Expect(Panel("Meetings").Locator("tbody tr")).ToHaveCountAsync(Math.Max(1, report["total"]!.GetValue<int>()));
        Assert.True(report["total"]!.GetValue<int>() > 0, "the demo has meetings with public bodies");

        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Page.Locator("form.report-form")).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
        await Expect(Page.Locator(".report-when")).ToBeVisibleAsync();
        await ScreenshotAsync("disclosure-print");
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task the_board_pack_shows_the_quarter_against_the_previous_one_with_the_dashboard_charts()
    {
        var pack = await ApiAsync("api/reports/board-pack?quarter=2026-Q3");
        await SignInAsync("/reports/board-pack?quarter=2026-Q3");
        await Expect(Heading("Board pack: 2026-Q3")).ToBeVisibleAsync();
        var rows = await RowsAsync(Panel("The quarter against the previous one").Locator("table"));
        var figures = pack["figures"]!.AsArray();
        Assert.Equal(figures.Count, rows.Count);
        var meetings = figures.Single(f => f!["measure"]!.GetValue<string>() == "meetingsHeld")!;
        var row = rows.Single(r => r[0] == "meetings held in the quarter");
        Assert.Equal($"{meetings["current"]}", row[1]);
        Assert.Equal($"{meetings["previous"]}", row[2]);
        await Expect(Page.Locator(".chart canvas")).ToHaveCountAsync(4);
        await ScreenshotsAsync("board-pack");
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task a_meeting_page_offers_the_meeting_as_a_calendar_event_and_an_organisation_page_its_register_id()
    {
        using var created = await Fixture.Api.PostAsJsonAsync("api/organizations", new { name = "Register Id Makers", kind = "member" });
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        await SignInAsync($"/meetings/{Fixture.SeedMeetingId}");
        var link = Page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar (.ics)" });
        var answer = await Page.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
        Assert.StartsWith("text/calendar", answer.Headers["content-type"]);
        Assert.Contains("BEGIN:VEVENT", await answer.TextAsync());

        await Page.GotoAsync($"/organizations/{id}");
        await Page.GetByText("Change the register id").ClickAsync();
        await Page.GetByLabel("Transparency Register id").FillAsync("EU-1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save the register id" }).ClickAsync();
        await Expect(Page.Locator(".field-error")).ToContainTextAsync("digits, a hyphen and digits");
        await Page.GetByLabel("Transparency Register id").FillAsync("123456789-01");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save the register id" }).ClickAsync();
        await Expect(Page.GetByText("Transparency Register 123456789-01")).ToBeVisibleAsync();
        ShouldHaveNoProblems("400 from POST", "console error: Failed to load resource: the server responded with a status of 400");
    }
}
