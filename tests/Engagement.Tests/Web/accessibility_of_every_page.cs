using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Engagement.Tests.Webhooks;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

public partial class accessibility_of_every_page(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    public const string Routes = "src/Engagement/Web/client/src/routes.jsx";
    private const int Desktop = 1280;
    private const int Phone = 390;
    private static readonly int[] Widths = [Desktop, Phone];

    /// <summary>
    /// Every page of the application (read from routes.jsx, the one list of them, so a new page is checked without
    /// touching this test) and the sign-in page, on a desktop and at a phone's 390 px: axe-core finds no serious or
    /// critical violation.
    /// </summary>
    [Fact]
    public async Task no_page_has_a_serious_accessibility_violation_on_a_desktop_or_a_phone()
    {
        await using var receiver = await Receiver.StartAsync();
        var pages = await PagesAsync(receiver);
        Output.WriteLine("Pages: " + string.Join(", ", pages));
        var found = new List<string>();

        foreach (var width in Widths)
        {
            await Page.SetViewportSizeAsync(width, width == Desktop ? 900 : 844);
            await Page.Context.ClearCookiesAsync();
            await Page.GotoAsync("/auth/sign-in");
            await CheckAsync("/auth/sign-in", width, found);
            await SignInAsync();
            foreach (var path in pages)
            {
                await Page.GotoAsync(path);
                await Expect(Page.Locator("main h1").First).ToBeVisibleAsync();
                await Expect(Heading("Not found")).ToHaveCountAsync(0);
                await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await Expect(Page.GetByRole(AriaRole.Status).GetByText("Loading…")).ToHaveCountAsync(0);
                await CheckAsync(path, width, found);
            }
        }

        Assert.True(found.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", found));
        ShouldHaveNoProblems();
    }

    private async Task CheckAsync(string path, int width, List<string> found)
    {
        foreach (var violation in await Axe.SeriousViolationsAsync(Page)) found.Add($"{path} at {width} px: {violation}");
        await ScreenshotAsync($"a11y-{Slug(path)}-{width}");
    }

    /// <summary>The paths of routes.jsx, a parameter replaced by the id of something the demo (or this test) has.</summary>
    private async Task<List<string>> PagesAsync(Receiver receiver)
    {
        var routes = RoutePaths();
        Assert.Contains("/", routes);
        var ids = new Dictionary<string, Func<Task<string>>>
        {
            ["/organizations/:id"] = async () => Id(await ApiAsync("api/organizations?q=" + Uri.EscapeDataString("Ministry of Science and Technology"))),
            ["/people/:id"] = async () => Id(await ApiAsync("api/people")),
            ["/meetings/:id"] = () => Task.FromResult(Fixture.SeedMeetingId.ToString()),
            ["/asks/:id"] = async () => Id(await ApiAsync("api/asks")),
            ["/commitments/:id"] = async () => Id(await ApiAsync("api/commitments")),
            ["/admin/webhooks/:id"] = async () =>
            {
                using var created = await Fixture.Api.PostAsJsonAsync("api/webhooks", new
                {
                    url = receiver.Url, eventTypes = new[] { "organization.registered" }, description = "accessibility check"
                });
                created.EnsureSuccessStatusCode();
                return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            }
        };
        var pages = new List<string>();
        foreach (var route in routes)
        {
            if (!route.Contains(':')) { pages.Add(route); continue; }
            Assert.True(ids.TryGetValue(route, out var id), $"The route {route} has a parameter this test has no value for: add one to {nameof(PagesAsync)}.");
            pages.Add(ParameterPattern().Replace(route, await id()));
        }
        return pages;
    }

    public static List<string> RoutePaths()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, Routes);
            if (File.Exists(file)) return [.. RoutePattern().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct()];
        }
        throw new InvalidOperationException($"{Routes} not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The first item's id of a list answer: its `items`, or the array it had before pagination.</summary>
    private static string Id(JsonNode answer)
    {
        var items = answer as JsonArray ?? answer.AsObject().Select(p => p.Value).OfType<JsonArray>().First();
        return items.First()!["id"]!.GetValue<string>();
    }

    private static string Slug(string path)
    {
        var slug = path == "/" ? "dashboard" : Regex.Replace(path.Trim('/'), "[^a-z0-9]+", "-");
        return slug[..Math.Min(40, slug.Length)];
    }

    [GeneratedRegex("""path:\s*"([^"]+)"\s*,""")]
    private static partial Regex RoutePattern();

    [GeneratedRegex(":[a-zA-Z]+")]
    private static partial Regex ParameterPattern();
}
