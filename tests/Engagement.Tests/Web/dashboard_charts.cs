using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public class dashboard_charts(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string[] Charts = ["Meetings per month", "Asks by topic", "Commitments by status", "Engagement by stakeholder"];

    // The meetings chart's plot area, in pixels from the chart's edges (MEETINGS_GRID in pages/dashboard/charts.js).
    private const int GridLeft = 40, GridRight = 16, GridBottom = 64;

    [Fact]
    public async Task every_chart_is_drawn_by_echarts_with_a_text_alternative()
    {
        await SignInAsync();
        await DashboardShownAsync();
        var dashboard = await ApiAsync("api/dashboard");

        foreach (var title in Charts)
        {
            var chart = Panel(title).GetByRole(AriaRole.Img);
            await Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^" + title + ": .+"));
            // ECharts marks the element it draws in, and draws on a canvas of the element's size.
            await Expect(chart).ToHaveAttributeAsync("_echarts_instance_", new System.Text.RegularExpressions.Regex(".+"));
            var canvas = chart.Locator("canvas");
            await Expect(canvas).ToHaveCountAsync(1);
            Assert.True(await canvas.EvaluateAsync<bool>("c => c.width > 200 && c.height > 100"), $"{title}: the canvas is not drawn");

            var table = Panel(title).Locator("table");
            await Expect(table).ToBeHiddenAsync();
            await Panel(title).GetByRole(AriaRole.Button, new() { Name = "View as table" }).ClickAsync();
            await Expect(table).ToBeVisibleAsync();
            await Expect(Panel(title).GetByRole(AriaRole.Button, new() { Name = "Hide table" })).ToHaveAttributeAsync("aria-expanded", "true");
        }

        var label = await Panel("Commitments by status").GetByRole(AriaRole.Img).GetAttributeAsync("aria-label");
        var counts = dashboard["commitmentsByStatus"]!;
        foreach (var status in new[] { "open", "overdue", "fulfilled", "cancelled" }.Where(s => counts[s]!.GetValue<int>() > 0))
            Assert.Contains($"{status}: {counts[status]}", label);

        await ScreenshotsAsync("dashboard-tables");
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task clicking_a_month_of_the_meetings_chart_opens_the_meetings_of_that_month()
    {
        await SignInAsync();
        await DashboardShownAsync();
        var months = (await ApiAsync("api/dashboard"))["meetingsPerMonth"]!.AsArray();
        var index = months.Select((m, i) => (m, i)).Last(x => x.m!["meetings"]!.GetValue<int>() > 0).i;
        var month = months[index]!["month"]!.GetValue<string>();
        var meetings = months[index]!["meetings"]!.GetValue<int>();
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd");
        var last = first.AddMonths(1).AddDays(-1);

        var canvas = Panel("Meetings per month").Locator("canvas");
        var box = (await canvas.BoundingBoxAsync())!;
        var column = (box.Width - GridLeft - GridRight) / months.Count;
        await Page.Mouse.ClickAsync(box.X + GridLeft + column * (index + 0.5f), box.Y + box.Height - GridBottom - 4);

        await Expect(Page).ToHaveURLAsync(Exactly($"{BaseUrl}/meetings?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}"));
        await Expect(Heading("Meetings")).ToBeVisibleAsync();
        var expected = await ApiAsync($"api/meetings?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}");
        var titles = (expected as JsonArray ?? expected.AsObject().Select(p => p.Value).OfType<JsonArray>().First())
            .Select(m => m!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(meetings, titles.Count);
        var rows = Page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(meetings);
        foreach (var title in titles) await Expect(rows.Filter(new() { HasText = title })).ToHaveCountAsync(1);

        await ScreenshotsAsync("chart-into-register");
        ShouldHaveNoProblems();
    }

    [Fact]
    public async Task the_board_pack_prints_the_dashboard_without_the_controls()
    {
        await SignInAsync("/?asOf=2023-07-31");
        await DashboardShownAsync();
        await Page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print board pack" })).ToBeHiddenAsync();
        await Expect(Page.GetByLabel("As of")).ToBeHiddenAsync();
        // A printed page says which day it describes.
        await Expect(Page.Locator(".banner")).ToBeVisibleAsync();
        foreach (var title in Charts)
        {
            await Expect(Panel(title).Locator("canvas")).ToBeVisibleAsync();
            await Expect(Panel(title).GetByRole(AriaRole.Button)).ToBeHiddenAsync();
        }
        await ScreenshotAsync("dashboard-print");
        var pdf = await Page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000, "The board pack printed to an empty PDF.");
        ShouldHaveNoProblems();
    }
}
