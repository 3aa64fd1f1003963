using System.Diagnostics;
using System.Net.Http.Json;
using Alba;
using BenchmarkDotNet.Attributes;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Engagement.Benchmarks;

/// <summary>
/// The service in process (no network noise), on the PostgreSQL that ops/bench starts, loaded once with
/// <see cref="Meetings"/> meetings and their asks and commitments through the API.
/// </summary>
public class ApiBenchmarks
{
    private const string Key = "eng_benchmark-admin-key-000000000000000000";
    // One host and one load for every benchmark of the process: GlobalSetup runs once per benchmark method.
    private static readonly Lazy<Task<ApiBenchmarks>> Shared = new(async () =>
    {
        var state = new ApiBenchmarks();
        await state.Start();
        return state;
    });

    private IAlbaHost _host = null!;
    private HttpClient _client = null!;
    private Guid _meeting;
    private Guid _suggestion;
    private Guid[] _organizations = [];
    private readonly List<Guid> _suggestions = [];
    private int _next;

    public static int Meetings => int.TryParse(Environment.GetEnvironmentVariable("ENGAGEMENT_BENCH_MEETINGS"), out var n) ? n : 2000;

    [GlobalSetup]
    public async Task SetUp()
    {
        var shared = await Shared.Value;
        (_host, _client, _meeting, _suggestion, _organizations) =
            (shared._host, shared._client, shared._meeting, shared._suggestion, shared._organizations);
        _suggestions.AddRange(shared._suggestions);
    }

    private async Task Start()
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Engagement")
                         ?? throw new InvalidOperationException("Run the benchmarks with ops/bench, which starts PostgreSQL.");
        _host = await AlbaHost.For<Program>(b =>
        {
            b.UseSetting("ConnectionStrings:Engagement", connection);
            b.UseSetting("Auth:BootstrapKey", Key);
            b.UseSetting("RateLimiting:PermitsPerMinute", "100000000");
            b.ConfigureServices(s => s.RunWolverineInSoloMode());
        });
        _client = _host.Server.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new("Bearer", Key);
        await Load();
    }

    private async Task Load()
    {
        var stats = await _host.Services.GetRequiredService<IDocumentStore>().Advanced.FetchEventStoreStatistics();
        var watch = Stopwatch.StartNew();
        _organizations = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Create("/api/organizations", new { name = $"Organisation {i}", kind = i % 2 == 0 ? "government" : "member" })));
        var start = new DateOnly(2020, 1, 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var span = today.DayNumber - start.DayNumber;
        Console.WriteLine($"// Loading {Meetings} meetings (store had {stats.EventCount} events)");
        for (var i = 0; i < Meetings; i++)
        {
            var government = _organizations[i * 2 % 40];
            var member = _organizations[(i * 2 + 1) % 40];
            var heldOn = start.AddDays(i * span / Meetings);
            var meeting = await Create("/api/meetings", new
            {
                title = $"Meeting {i} on trade and technology", heldOn, organizationIds = new[] { government, member },
                topics = new[] { $"topic {i % 12}" }, summary = "Discussed market access, data rules and research cooperation."
            });
            for (var s = 0; s < 3; s++)
            {
                var suggestion = await Create($"/api/meetings/{meeting}/suggestions",
                    new { raisedById = member, addressedToId = government, topic = $"topic {(i + s) % 12}", text = "Please consider this ask." });
                if (s == 0) await Create($"/api/suggestions/{suggestion}/responses", new { text = "We will study it.", respondedOn = heldOn.AddDays(10) > today ? today : heldOn.AddDays(10) });
                await Create($"/api/meetings/{meeting}/commitments",
                    new { ownerId = s % 2 == 0 ? government : member, description = "Follow up in writing", dueOn = heldOn.AddDays(30), suggestionId = suggestion });
                _suggestion = suggestion;
                _suggestions.Add(suggestion);
            }
            _meeting = meeting;
            if ((i + 1) % 200 == 0) Console.WriteLine($"//   {i + 1}/{Meetings} meetings loaded ({watch.Elapsed.TotalSeconds:F0} s)");
        }
        Console.WriteLine("// Waiting for the async projections to catch up");
        await _host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
        Console.WriteLine($"// Loaded in {watch.Elapsed.TotalSeconds:F0} s");
    }

    private async Task<Guid> Create(string url, object body)
    {
        var response = await _client.PostAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var written = await response.Content.ReadFromJsonAsync<Written>();
        return written!.Id;
    }

    private sealed record Written(Guid Id, long Version);

    private async Task<string> Get(string url)
    {
        var response = await _client.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [Benchmark(Description = "POST /api/meetings")]
    public Task<Guid> LogMeeting() => Create("/api/meetings",
        new { title = "Benchmark meeting", heldOn = "2024-05-01", organizationIds = new[] { _organizations[0], _organizations[1] } });

    // Spread over every suggestion so the measurement is not of one ever-growing stream.
    [Benchmark(Description = "POST /api/suggestions/{id}/responses")]
    public Task<Guid> Respond() =>
        Create($"/api/suggestions/{_suggestions[_next++ % _suggestions.Count]}/responses", new { text = "Another response" });

    [Benchmark(Description = "GET /api/meetings/{id}")]
    public Task<string> GetMeeting() => Get($"/api/meetings/{_meeting}");

    [Benchmark(Description = "GET /api/suggestions/{id}/history")]
    public Task<string> History() => Get($"/api/suggestions/{_suggestion}/history");

    [Benchmark(Description = "GET /api/organizations?q=")]
    public Task<string> SearchOrganizations() => Get("/api/organizations?q=organisation%201");

    [Benchmark(Description = "GET /api/dashboard")]
    public Task<string> Dashboard() => Get("/api/dashboard");

    [Benchmark(Description = "GET /api/dashboard?asOf=2023-07-31")]
    public Task<string> DashboardAsOf() => Get("/api/dashboard?asOf=2023-07-31");

    [Benchmark(Description = "GET /api/engagement")]
    public Task<string> Engagement() => Get("/api/engagement");

    [Benchmark(Description = "GET /api/asks")]
    public Task<string> OpenAsks() => Get("/api/asks");

    [Benchmark(Description = "GET /api/commitments?status=overdue")]
    public Task<string> OverdueCommitments() => Get("/api/commitments?status=overdue");

    [Benchmark(Description = "GET /api/meetings?q=")]
    public Task<string> SearchMeetings() => Get("/api/meetings?q=research%20cooperation");

    [Benchmark(Description = "GET /api/organizations/{id}/timeline")]
    public Task<string> Timeline() => Get($"/api/organizations/{_organizations[0]}/timeline");
}
