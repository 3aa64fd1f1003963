using System.Diagnostics;
using System.Text.Json.Nodes;
using Engagement.Organizations;
using Alba;
using Engagement.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Engagement.Tests.Webhooks;

/// <summary>
/// A host of its own for delivery scenarios, on a database of its own (the "api" collection's data resets would
/// otherwise pull events and endpoints from under running deliveries): a shrunk retry schedule and timeout, private
/// addresses allowed for the loopback receivers, and a clock that tests can move days ahead.
/// Data is not reset between tests: each test registers its own endpoints and looks only at them.
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public const string RetrySchedule = "0s,300ms,500ms,1s,1s,2s,2s,3s,3s,5s";
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);
    public const int MaxInFlightPerEndpoint = 8;

    public IAlbaHost Host { get; private set; } = null!;
    public ShiftedClock Clock { get; } = new();
    private readonly OwnDatabase _database = new("webhooks");

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.RecreateAsync();
        Host = await StartHostAsync();
    }

    /// <summary>Stops the service the way a deployment does, then starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _database.DropAsync();
    }

    private async Task<IAlbaHost> StartHostAsync() => AppFixture.SendAdminKeyByDefault(await AlbaHost.For<Program>(builder =>
    {
        builder.UseSetting("ConnectionStrings:Engagement", ConnectionString);
        builder.UseSetting("Auth:BootstrapKey", AppFixture.AdminKey);
        builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true");
        builder.UseSetting("Webhooks:RetrySchedule", RetrySchedule);
        builder.UseSetting("Webhooks:Jitter", "0");
        builder.UseSetting("Webhooks:RequestTimeout", $"{RequestTimeout.TotalMilliseconds}ms");
        builder.UseSetting("Webhooks:MaxInFlightPerEndpoint", MaxInFlightPerEndpoint.ToString());
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.RunWolverineInSoloMode();
            services.DisableAllExternalWolverineTransports();
            services.ConfigureWolverine(opts =>
            {
                opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromMilliseconds(100);
                opts.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(200);
            });
        });
    }));
}

/// <summary>The real clock, moved ahead by <see cref="Offset"/>: for "five days later" without waiting five days.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookFixture>
{
    public const string Name = "webhooks";
}

/// <summary>Base class for delivery scenarios: receivers and endpoints made by a test are removed after it.</summary>
[Collection(WebhookCollection.Name)]
public abstract class WebhookTest(WebhookFixture fixture) : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<Receiver> _receivers = [];
    private readonly List<Guid> _endpoints = [];

    protected WebhookFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Fixture.Clock.Offset = TimeSpan.Zero;
        foreach (var id in _endpoints) await Host.Scenario(s => { s.Delete.Url($"/api/webhooks/{id}"); s.IgnoreStatusCode(); });
        foreach (var receiver in _receivers) await receiver.DisposeAsync();
    }

    protected async Task<Receiver> ReceiverAsync(Answer answer = Answer.Ok)
    {
        var receiver = await Receiver.StartAsync(answer);
        _receivers.Add(receiver);
        return receiver;
    }

    /// <summary>Registers an endpoint; returns its id and secret.</summary>
    protected async Task<(Guid Id, string Secret)> SubscribeAsync(Receiver receiver, params string[] eventTypes)
    {
        var body = await Host.PostOk("/api/webhooks",
            new { url = receiver.Url, eventTypes = eventTypes.Length == 0 ? null : eventTypes, description = "test receiver" });
        var id = body["id"]!.GetValue<Guid>();
        _endpoints.Add(id);
        return (id, body["secret"]!.GetValue<string>());
    }

    protected async Task<JsonArray> DeliveriesAsync(Guid endpoint, string? status = null) =>
        (await Host.GetOk($"/api/webhooks/{endpoint}/deliveries?limit=500{(status is null ? "" : $"&status={status}")}"))["items"]!.AsArray();

    /// <summary>Waits until the delivery log has exactly <paramref name="count"/> rows (of that status).</summary>
    protected Task<JsonArray> LogAsync(Guid endpoint, string? status, int count) =>
        Eventually($"{count} {status ?? "all"} rows in the delivery log", async () =>
        {
            var rows = await DeliveriesAsync(endpoint, status);
            return rows.Count == count ? rows : null;
        });

    /// <summary>Appends the events in one transaction, as a backlog does, and starts the clock at their commit.</summary>
    protected async Task<Stopwatch> RecordOrganizationsAsync(int count, string name)
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Organization>(id,
                new OrganizationRegistered(id, $"{name} {i}", OrganizationKind.Government, null, null, new DateOnly(2026, 11, 24)));
        }
        await session.SaveChangesAsync();
        return Stopwatch.StartNew();
    }

    /// <summary>Polls until <paramref name="probe"/> gives a value, for at most <see cref="Patience"/>.</summary>
    protected static async Task<T> Eventually<T>(string what, Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTimeOffset.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Gave up after {Patience.TotalSeconds} s waiting for {what}.");
            await Task.Delay(100);
        }
    }

    protected static Task<IReadOnlyList<Received>> Eventually(string what, Receiver receiver, Func<IReadOnlyList<Received>, bool> done) =>
        Eventually(what, () => Task.FromResult(done(receiver.Requests) ? receiver.Requests : null));
}
