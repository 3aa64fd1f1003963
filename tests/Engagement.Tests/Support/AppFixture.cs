using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Engagement.Tests.Support;

/// <summary>One web host for the whole "api" collection, on the real PostgreSQL that ops/test starts.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The admin key every scenario sends unless it sets its own Authorization header.</summary>
    public const string AdminKey = "eng_test-bootstrap-admin-key-0123456789abcdef";

    /// <summary>Seals the Data Protection key ring, which this host keeps in the database.</summary>
    public const string KeyEncryptionKey = "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Engagement") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "ConnectionStrings__Engagement is not set. Run the tests with ops/test, which starts PostgreSQL and sets it.");

    public async Task InitializeAsync()
    {
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Engagement", ConnectionString);
            builder.UseSetting("Auth:BootstrapKey", AdminKey);
            builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
            builder.UseSetting("DataProtection:KeyEncryptionKey", KeyEncryptionKey);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
        SendAdminKeyByDefault(Host);
    }

    /// <summary>Every scenario sends the bootstrap admin key unless it sets its own Authorization header.</summary>
    public static IAlbaHost SendAdminKeyByDefault(IAlbaHost host)
    {
        host.BeforeEach(http =>
        {
            if (!http.Request.Headers.ContainsKey("Authorization")) http.Request.Headers.Authorization = $"Bearer {AdminKey}";
        });
        return host;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }

    /// <summary>Events present right after the reset (the bootstrap key's), which tests do not count.</summary>
    public long BaselineEvents { get; private set; }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Every test starts from an empty store and today's date.</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        // Pauses the async projections and subscriptions around the reset, so they start again from the empty store.
        // A webhook attempt of the previous test may still be writing its delivery record while the tables are
        // truncated; PostgreSQL then picks one of the two as a deadlock victim, and the reset is simply run again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Everything but the Data Protection key ring: the host keeps its keys in memory, and a secret sealed
                // with a key the store no longer has could not be read after the next refresh of the ring.
                await Host.PauseAllDaemonsAsync();
                await Store.Advanced.Clean.DeleteDocumentsExceptAsync(typeof(Engagement.Infrastructure.DataProtectionKey));
                await Store.Advanced.Clean.DeleteAllEventDataAsync();
                await Host.ResumeAllDaemonsAsync();
                await Host.StartPausedShardsAsync();
                break;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
        // The bootstrap key is data too: issue it again, as a restart would.
        foreach (var service in Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Engagement.Access.BootstrapKey>())
            await service.StartAsync(CancellationToken.None);
        BaselineEvents = (await Store.Advanced.FetchEventStoreStatistics()).EventCount;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "api";
}

/// <summary>Base class for API scenarios: shares the host, resets data before each test.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected TestClock Clock => Fixture.Clock;

    public Task InitializeAsync() => Fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>How many events the store holds: a rejected request must leave it unchanged.</summary>
    protected async Task<long> EventCount()
    {
        var stats = await Fixture.Store.Advanced.FetchEventStoreStatistics();
        return stats.EventCount - Fixture.BaselineEvents;
    }

    /// <summary>
    /// The events requests recorded: not those the service's own checks append meanwhile (a commitment the demo made
    /// falls overdue, a follow-up accepted for today is reminded of, a moment after the request that caused it).
    /// </summary>
    protected static async Task<long> RequestedEvents()
    {
        await using var connection = new Npgsql.NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select count(*) from engagement.mt_events where coalesce(headers ->> $1, '') <> all($2)", connection)
        {
            Parameters =
            {
                new() { Value = Engagement.Infrastructure.HistoryEndpoints.RecordedByHeader },
                new() { Value = new[] { Engagement.Commitments.CheckCommitmentOverdueHandler.RecordedBy, Engagement.Work.CheckCommitmentFallingDueHandler.RecordedBy } }
            }
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
