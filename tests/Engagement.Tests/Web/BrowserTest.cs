using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Engagement.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.Tests.Web;

/// <summary>
/// Base class for browser scenarios: a fresh browser context (no cookies) per test, and a record of everything that
/// went wrong in it that a user would not see at once: console errors, script errors, Content-Security-Policy
/// violations, failed requests and error answers.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<string> _problems = [];
    private IBrowserContext _context = null!;

    protected BrowserFixture Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;
    protected IPage Page { get; private set; } = null!;
    protected string BaseUrl => Fixture.BaseUrl;

    public async Task InitializeAsync()
    {
        _context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC"
        });
        _context.SetDefaultTimeout(30_000);
        // The default five seconds is short for a shared two-core machine building and testing at once.
        SetDefaultExpectTimeout(15_000);
        // A violation is also logged to the console, but the event says exactly which directive refused what.
        await _context.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", e =>
              console.error(`CSP violation: ${e.violatedDirective} refused ${e.blockedURI || "inline"} on ${e.documentURI}`));
            """);
        _context.Console += (_, message) =>
        {
            if (message.Type is "error" or "assert") Problem($"console {message.Type}: {message.Text} ({message.Location})");
        };
        _context.WebError += (_, error) => Problem($"script error: {error.Error}");
        _context.RequestFailed += (_, request) =>
        {
            // A page that stops showing live figures closes its live connection, which the browser reports as aborted.
            if (request.Url.EndsWith("/api/live", StringComparison.Ordinal) && request.Failure == "net::ERR_ABORTED") return;
            Problem($"request failed: {request.Method} {request.Url}: {request.Failure}");
        };
        _context.Response += (_, response) =>
        {
            if (response.Status >= 400) Problem($"{response.Status} from {response.Request.Method} {response.Url}");
        };
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    private void Problem(string text)
    {
        lock (_problems) _problems.Add(text);
    }

    /// <summary>Asserts that nothing went wrong in the browser so far, apart from problems that start with one of
    /// <paramref name="expected"/>.</summary>
    protected void ShouldHaveNoProblems(params string[] expected)
    {
        lock (_problems)
        {
            var unexpected = _problems.Where(p => !expected.Any(e => p.StartsWith(e, StringComparison.Ordinal))).ToList();
            Assert.True(unexpected.Count == 0, "The browser saw problems:\n" + string.Join("\n", unexpected));
        }
    }

    /// <summary>Signs in through the form, as a person would, and waits for the page it leads to.</summary>
    /// <summary>Signs in with a key (the admin's unless given) and lands on <paramref name="returnPath"/>.</summary>
    protected async Task SignInAsync(string returnPath = "/", Regex? landing = null, string? key = null)
    {
        await Page.GotoAsync("/auth/sign-in?returnUrl=" + Uri.EscapeDataString(returnPath));
        await Page.GetByLabel("API key").FillAsync(key ?? AppFixture.AdminKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(landing ?? Exactly(BaseUrl + returnPath));
    }

    /// <summary>A new staff key, for signing in as a member of staff rather than the admin.</summary>
    protected async Task<string> StaffKeyAsync(string name)
    {
        using var response = await Fixture.Api.PostAsJsonAsync("api/keys", new { name, role = "staff" });
        var issued = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, issued.ToJsonString());
        return issued["key"]!.GetValue<string>();
    }

    /// <summary>Records something through the API as the admin; the id of what was created.</summary>
    protected async Task<Guid> CreatedAsync(string path, object body)
    {
        using var response = await Fixture.Api.PostAsJsonAsync(path, body);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, answer.ToJsonString());
        return answer["id"]!.GetValue<Guid>();
    }

    /// <summary>Waits for the dashboard to be filled in and every request it made to finish.</summary>
    protected async Task DashboardShownAsync()
    {
        await Expect(Heading("Government engagement")).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    protected ILocator Heading(string name, int level = 1) =>
        Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = level });

    /// <summary>A panel of the page, by its heading.</summary>
    protected ILocator Panel(string title) =>
        Page.Locator("section.panel").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true, Level = 2 }) });

    /// <summary>The headline cards, label to figure.</summary>
    protected async Task<Dictionary<string, string>> CardsAsync()
    {
        var cards = Page.Locator(".cards .card");
        var shown = new Dictionary<string, string>();
        foreach (var card in await cards.AllAsync())
            shown[(await card.Locator(".l").InnerTextAsync()).Trim()] = (await card.Locator(".n, .pill").First.InnerTextAsync()).Trim();
        return shown;
    }

    /// <summary>The texts of a table's body cells, row by row.</summary>
    protected static async Task<List<string[]>> RowsAsync(ILocator table)
    {
        var rows = new List<string[]>();
        foreach (var row in await table.Locator("tbody tr").AllAsync())
            rows.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim())]);
        return rows;
    }

    /// <summary>Saves a full-page screenshot and prints where.</summary>
    protected async Task<string> ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("ENGAGEMENT_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "engagement-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Output.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>Full-page screenshots at a desktop's 1280 px and a phone's 390 px; the page is left at 1280 px.</summary>
    protected async Task ScreenshotsAsync(string name)
    {
        foreach (var (width, height) in new[] { (390, 844), (1280, 900) })
        {
            await Page.SetViewportSizeAsync(width, height);
            // Charts lay themselves out again for the new width on the next frames.
            await Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
            await ScreenshotAsync($"{name}-{width}");
        }
    }

    protected Task<JsonNode> ApiAsync(string relativeUrl) => Fixture.GetJsonAsync(relativeUrl);

    protected static Regex Exactly(string url) => new("^" + Regex.Escape(url) + "$");
}
