using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Alba;
using Engagement.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// A host on a PostgreSQL cluster of its own, started and stopped through ops/lib/postgres.sh on a free port and a
/// temporary data directory, so the tests can take the database away (and bring it back) without touching the shared one.
/// </summary>
public sealed class OutageHost : IAsyncLifetime
{
    public const long MaxProjectionLagEvents = 3;
    private readonly int _port = FreePort();
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"engagement-outage-{Guid.NewGuid():N}");

    public IAlbaHost Host { get; private set; } = null!;

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Password=postgres;Database=postgres";

    public async Task InitializeAsync()
    {
        await StartDatabase();
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Engagement", ConnectionString);
            builder.UseSetting("Auth:BootstrapKey", AppFixture.AdminKey);
            builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
            builder.UseSetting("Health:MaxProjectionLagEvents", MaxProjectionLagEvents.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
        AppFixture.SendAdminKeyByDefault(Host);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await StopDatabase();
        Directory.Delete(_data, recursive: true);
    }

    public Task StartDatabase() => Cluster("start_private_cluster");

    public Task StopDatabase() => Cluster("stop_private_cluster");

    /// <summary>Polls until the service is ready again, as a load balancer would.</summary>
    public async Task WaitUntilReady()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (status, body, _) = await Host.GetJson("/health/ready");
            if (status == 200) return;
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
                throw new Xunit.Sdk.XunitException($"not ready 60 s after the database came back: {body?.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private async Task Cluster(string function)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"source '{Script}' && {function}"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath()
        };
        start.Environment["ENGAGEMENT_PG_HOST"] = "127.0.0.1";
        start.Environment["ENGAGEMENT_PG_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ENGAGEMENT_PGDATA"] = _data;
        // ops/test runs its own cluster without fsync; this one is started the way ops/run starts the demo's.
        start.Environment.Remove("ENGAGEMENT_PG_FSYNC");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{function} failed ({process.ExitCode}): {await output} {await errors}");
    }

    private static string Script
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ops", "lib", "postgres.sh"))) return Path.Combine(dir.FullName, "ops", "lib", "postgres.sh");
            throw new InvalidOperationException("ops/lib/postgres.sh not found above " + AppContext.BaseDirectory);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageHost>
{
    public const string Name = "database outage";
}

[Collection(OutageCollection.Name)]
public class database_outage(OutageHost fixture)
{
    private IAlbaHost Host => fixture.Host;

    private Task<(int Status, System.Text.Json.Nodes.JsonNode? Body, IScenarioResult Result)> Get(string url, bool withKey = true) =>
        Host.GetJson(url, s =>
        {
            if (!withKey) s.WithRequestHeader("Authorization", "");
        });

    private static void ShouldBeUnavailable((int Status, System.Text.Json.Nodes.JsonNode? Body, IScenarioResult Result) response)
    {
        response.ShouldBeProblem(503);
        var retryAfter = response.Result.Context.Response.Headers.RetryAfter.ToString();
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds > 0, $"Retry-After: '{retryAfter}'");
    }

    private async Task During(Func<Task> outage)
    {
        await fixture.StopDatabase();
        try
        {
            await outage();
        }
        finally
        {
            await fixture.StartDatabase();
        }
        await fixture.WaitUntilReady();
    }

    [Fact]
    public async Task routes_that_need_the_database_answer_503_with_retry_after_while_it_is_down()
    {
        var id = await Host.Organization("Ministry of Commerce");

        await During(async () =>
        {
            ShouldBeUnavailable(await Get("/api/organizations"));
            ShouldBeUnavailable(await Get($"/api/organizations/{id}"));
            ShouldBeUnavailable(await Get("/api/dashboard"));
            ShouldBeUnavailable(await Host.PostJson("/api/organizations", new { name = "Written during the outage", kind = "member" }));
            ShouldBeUnavailable(await Host.PostJson($"/api/meetings/{Guid.NewGuid()}/notes", new { text = "Brief sent" }));
            (await Get("/api/organizations", withKey: false)).ShouldBeProblem(401);
        });

        Assert.Equal(200, (await Get($"/api/organizations/{id}")).Status);
    }

    [Fact]
    public async Task health_live_is_200_and_ready_503_with_or_without_a_key_while_it_is_down()
    {
        await During(async () =>
        {
            foreach (var withKey in new[] { true, false })
            {
                var live = await Get("/health/live", withKey);
                Assert.True(live.Status == 200, $"live with key {withKey}: {live.Status} {live.Body?.ToJsonString()}");
                Assert.Equal("live", live.Body!.Text("status"));

                var ready = await Get("/health/ready", withKey);
                ShouldBeUnavailable(ready);
                Assert.Null(ready.Body!["checks"]);
                Assert.DoesNotContain("Npgsql", ready.Body.ToJsonString());
                Assert.DoesNotContain("connect", ready.Body.Text("detail"), StringComparison.OrdinalIgnoreCase);
            }
        });

        Assert.Equal("ready", (await Get("/health/ready", withKey: false)).Body!.Text("status"));
    }

    [Fact]
    public async Task a_paused_read_model_makes_the_service_not_ready_and_an_administrator_sees_which()
    {
        await fixture.WaitUntilReady();
        await Host.Services.PauseAllDaemonsAsync();
        try
        {
            for (var i = 0; i <= OutageHost.MaxProjectionLagEvents; i++)
                await Host.Organization($"Lagging {i} {Guid.NewGuid():N}");

            var anonymous = await Get("/health/ready", withKey: false);
            ShouldBeUnavailable(anonymous);
            Assert.Null(anonymous.Body!["checks"]);
            var admin = await Get("/health/ready");
            ShouldBeUnavailable(admin);
            var projections = admin.Body!["checks"]!["projections"]!;
            Assert.Equal("unhealthy", projections.Text("status"));
            Assert.Contains("StakeholderEngagement:All", projections.Text("description"), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("healthy", admin.Body["checks"]!["event-store"]!.Text("status"));
        }
        finally
        {
            await Host.ResumeAllDaemonsAsync();
        }

        await fixture.WaitUntilReady();
    }

    [Fact]
    public async Task the_cluster_the_scripts_start_for_the_demo_keeps_fsync_on()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW fsync", connection);

        Assert.Equal("on", await command.ExecuteScalarAsync());
    }
}
