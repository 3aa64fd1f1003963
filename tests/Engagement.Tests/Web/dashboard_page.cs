using System.Globalization;
using System.Text.Json.Nodes;
using Engagement.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class dashboard_page(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task the_dashboard_shows_the_figures_of_the_api()
    {
        await SignInAsync();
        await DashboardShownAsync();

        var dashboard = await ApiAsync("api/dashboard");
        Output.WriteLine($"GET /api/dashboard headline: {dashboard["headline"]!.ToJsonString()}");
        await ShouldShowAsync(dashboard, await ApiAsync("api/commitments?status=overdue"));
        await Expect(Page.Locator(".banner")).ToHaveCountAsync(0);
        await Expect(Page.GetByText($"As of {BrowserFixture.Today:yyyy-MM-dd}", new() { Exact = true })).ToBeVisibleAsync();
        // The demo is rich enough that these panels are not empty today.
        foreach (var panel in new[] { "Overdue commitments", "Most engaged stakeholders", "Member companies' asks" })
            await Expect(Panel(panel).GetByText("None.", new() { Exact = true })).ToHaveCountAsync(0);

        await ScreenshotAsync("dashboard-today");
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task as_of_a_past_day_the_dashboard_shows_the_figures_of_that_day()
    {
        await SignInAsync();
        await DashboardShownAsync();

        await Page.GetByLabel("As of").FillAsync("2023-07-31");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + "/?asOf=2023-07-31"));
        await DashboardShownAsync();
        await Expect(Page.Locator(".banner")).ToHaveTextAsync("As it stood at the end of 2023-07-31.");
        await Expect(Page.GetByLabel("As of")).ToHaveValueAsync("2023-07-31");
        var dashboard = await ApiAsync("api/dashboard?asOf=2023-07-31");
        await ShouldShowAsync(dashboard, await ApiAsync("api/commitments?status=overdue&asOf=2023-07-31"));

        // The seed meeting of 2023-07-14 is the only one by then with asks, and nothing had answered them.
        await Expect(Page.Locator(".card").Filter(new() { HasText = "open asks" }).Locator(".n")).ToHaveTextAsync("2");
        Assert.Equal([[DemoData.MemberCompaniesName, "2", "0", "0", "2"]], await RowsAsync(Panel("Member companies' asks").Locator("table")));
        var topics = await RowsAsync(Panel("Asks by topic").Locator("table"));
        Assert.Equal(["Foreign enterprises' R&D in China 1 0 0", "Innovation ecosystem 1 0 0"], topics.Select(t => string.Join(' ', t)).Order());
        // Links keep the day, so drilling down stays in the past.
        var firstMember = Panel("Member companies' asks").GetByRole(AriaRole.Link).First;
        await Expect(firstMember).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/organizations/[0-9a-f-]{36}\?asOf=2023-07-31$"));

        await ScreenshotAsync("dashboard-2023-07-31");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Today", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Exactly(BaseUrl + "/"));
        await DashboardShownAsync();
        await Expect(Page.Locator(".banner")).ToHaveCountAsync(0);
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task known_at_a_moment_before_anything_was_recorded_the_dashboard_is_empty()
    {
        await SignInAsync();
        await DashboardShownAsync();

        // The demo was recorded when the fixture started, on the real clock, after 08:00 UTC on the service's fixed today.
        await Page.GetByLabel("Known at").FillAsync($"{BrowserFixture.Today:yyyy-MM-dd}T08:00");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var knownAt = $"{BrowserFixture.Today:yyyy-MM-dd}T08:00:00.000Z";
        await Expect(Page).ToHaveURLAsync(Exactly($"{BaseUrl}/?knownAt={Uri.EscapeDataString(knownAt)}"));
        await DashboardShownAsync();
        await Expect(Page.Locator(".banner")).ToContainTextAsync("with only what had been recorded by");
        var dashboard = await ApiAsync($"api/dashboard?knownAt={Uri.EscapeDataString(knownAt)}");
        Assert.Equal(0, dashboard["headline"]!["stakeholders"]!.GetValue<int>());
        await ShouldShowAsync(dashboard, await ApiAsync($"api/commitments?status=overdue&knownAt={Uri.EscapeDataString(knownAt)}"));
        ShouldHaveNoProblems();
    }

    /// <summary>Every panel of the dashboard against the API's answer for the same moment.</summary>
    private async Task ShouldShowAsync(JsonNode dashboard, JsonNode overdue)
    {
        await Expect(Page.Locator(".error")).ToHaveCountAsync(0);
        var h = dashboard["headline"]!;
        Assert.Equal(new Dictionary<string, string>
        {
            ["stakeholders engaged"] = $"{h["stakeholders"]}",
            ["active (met within 90 days)"] = $"{h["activeStakeholders"]}",
            ["cooling"] = $"{h["coolingStakeholders"]}",
            ["at risk (overdue commitment)"] = $"{h["atRiskStakeholders"]}",
            ["meetings, last 90 days"] = $"{h["meetingsLast90Days"]}",
            ["meetings, last 365 days"] = $"{h["meetingsLast365Days"]}",
            ["open asks"] = $"{h["openAsks"]}",
            ["overdue commitments"] = $"{h["overdueCommitments"]}"
        }, await CardsAsync());

        // The figures behind the charts, as the tables that are their text alternative (dashboard_charts tests the charts).
        Assert.Equal(OrNone(dashboard["meetingsPerMonth"]!.AsArray().Select(m => new[] { MonthName(Text(m, "month")), $"{m!["meetings"]}" })),
            await RowsAsync(Panel("Meetings per month").Locator("table")));
        Assert.Equal(OrNone(dashboard["asksByTopic"]!.AsArray().Take(10)
                .Select(t => new[] { Text(t, "topic"), $"{t!["open"]}", $"{t["answered"]}", $"{t["resolved"]}" })),
            await RowsAsync(Panel("Asks by topic").Locator("table")));

        var byStatus = dashboard["commitmentsByStatus"]!;
        Assert.Equal(new[] { "open", "overdue", "fulfilled", "cancelled" }.Select(s => new[] { s, $"{byStatus[s]}" }),
            await RowsAsync(Panel("Commitments by status").Locator("table")));

        Assert.Equal(OrNone(overdue["items"]!.AsArray().Take(15)
                .Select(c => new[] { Text(c!["owner"], "name"), Text(c, "description"), c!["dueOn"]?.GetValue<string>() ?? "" })),
            await RowsAsync(Panel("Overdue commitments").Locator("table")));

        Assert.Equal(OrNone(Stakeholders(dashboard["mostEngaged"])), await RowsAsync(Panel("Most engaged stakeholders").Locator("table")));
        Assert.Equal(OrNone(Stakeholders(dashboard["coolingOff"])), await RowsAsync(Panel("Cooling off").Locator("table")));
        Assert.Equal(OrNone(dashboard["memberCompanies"]!.AsArray().Select(m => new[]
            {
                Text(m!["organization"], "name"), $"{m["asksRaised"]}", $"{m["asksAnswered"]}", $"{m["asksResolved"]}", $"{m["asksOpen"]}"
            })),
            await RowsAsync(Panel("Member companies' asks").Locator("table")));
    }

    private static IEnumerable<string[]> Stakeholders(JsonNode? list) => list!.AsArray().Select(s => new[]
    {
        Text(s!["organization"], "name"), Text(s, "health").Replace('-', ' '), $"{s["meetingsLast365Days"]}",
        s["lastMetOn"]?.GetValue<string>() ?? "never"
    });

    /// <summary>The rows expected, or the table's single "None." row.</summary>
    private static List<string[]> OrNone(IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        return list.Count > 0 ? list : [["None."]];
    }

    private static string Text(JsonNode? node, string property) => node![property]!.GetValue<string>();

    /// <summary>"2026-01" as the dashboard names it: "Jan 2026".</summary>
    public static string MonthName(string month) =>
        $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(int.Parse(month[5..]))} {month[..4]}";
}
