using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Engagement.Demo;
using Engagement.Tests.Support;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Npgsql;
using Wolverine;

namespace Engagement.Tests.Web;

/// <summary>
/// The service listening on a real loopback port (a browser needs a URL; Alba's test server does not listen), on a
/// database of its own with the demo data loaded through the API, and one headless Chromium for the collection.
/// The clock is fixed, so the demo's dates, the figures and the screenshots are the same on every run.
/// Data is not reset between tests: they only read, apart from what this fixture writes once.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string HostileTitle = "<img src=x onerror=window.__pwned=1>";
    public static readonly DateOnly Today = new(2026, 11, 24);

    private WebApplication _app = null!;
    private IPlaywright _playwright = null!;

    public TestClock Clock { get; } = new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
    private readonly OwnDatabase _database = new("browser");

    public string ConnectionString => _database.ConnectionString;

    /// <summary>Where the service listens, e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A client of the API with the bootstrap admin key, for the figures the pages must agree with.</summary>
    public HttpClient Api { get; private set; } = null!;

    public Guid SeedMeetingId { get; private set; }
    public Guid HostileMeetingId { get; private set; }
    public string DemoLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("ENGAGEMENT_CHROMIUM") is { Length: > 0 } path ? path : ChromiumPath;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium is not installed at {chromium}, and the browser tests need it. Run the tests with ops/test, which " +
                "installs it (ops/lib/ensure-chromium: apt-get install chromium), or set ENGAGEMENT_CHROMIUM to a Chromium binary.");

        await _database.RecreateAsync();
        _app = StartService();
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');

        Api = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.AdminKey);
        await LoadDataAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"
            ]
        });
    }

    private async Task LoadDataAsync()
    {
        var log = new StringWriter();
        var result = await new DemoLoader(Api, log, Today).LoadAsync();
        DemoLog = log.ToString();
        SeedMeetingId = result.SeedMeetingId ?? throw new InvalidOperationException("The demo load reported no seed meeting:\n" + DemoLog);

        // A meeting whose title, summary and topic are markup: the pages must show them as text. It is held long enough
        // ago to stay out of the dashboard's twelve months, with an organisation the demo already has.
        var ministry = (await GetJsonAsync("api/organizations?q=" + Uri.EscapeDataString("Ministry of Science and Technology")))
            ["items"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "Ministry of Science and Technology")!["id"]!.GetValue<Guid>();
        using var response = await Api.PostAsJsonAsync("api/meetings", new
        {
            title = HostileTitle,
            heldOn = new DateOnly(2024, 1, 10),
            organizationIds = new[] { ministry },
            topics = new[] { "<script>window.__pwned=2</script>" },
            summary = "<b onmouseover=window.__pwned=3>bold?</b>"
        });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Logging the hostile meeting answered {response.StatusCode}: {body}");
        HostileMeetingId = JsonNode.Parse(body)!["id"]!.GetValue<Guid>();

        await _app.SettleAsync();

        // Wolverine compiles each endpoint's code on its first request: ask every read the pages make once, so that the
        // browser's first visit is not the one that waits for the compiler.
        foreach (var read in new[]
                 {
                     "api/dashboard", "api/dashboard?asOf=2023-07-31", "api/commitments?status=overdue", $"api/organizations/{ministry}",
                     $"api/engagement/{ministry}", $"api/organizations/{ministry}/timeline", $"api/meetings/{SeedMeetingId}"
                 })
            await GetJsonAsync(read);
    }

    public async Task<JsonNode> GetJsonAsync(string relativeUrl)
    {
        using var response = await Api.GetAsync(relativeUrl);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new Xunit.Sdk.XunitException($"GET {relativeUrl} answered {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (_app is not null)
        {
            // Stopped first, so that Wolverine stops its agents before the services they use are disposed.
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await _database.DropAsync();
    }




    /// <summary>
    /// The application as Program.cs builds it, with AppFixture's settings, served by Kestrel on a free loopback port.
    /// </summary>
    private WebApplication StartService()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            EnvironmentName = Environments.Development
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Engagement"] = ConnectionString,
            ["Auth:BootstrapKey"] = AppFixture.AdminKey,
            ["RateLimiting:PermitsPerMinute"] = "1000000",
            // The admin pages' tests register webhooks to a receiver on 127.0.0.1.
            ["Webhooks:AllowPrivateNetworks"] = "true"
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddEngagement();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.RunWolverineInSoloMode();
        builder.Services.DisableAllExternalWolverineTransports();
        var app = builder.Build();
        app.UseEngagement();
        return app;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
