using System.Collections.Concurrent;
using Alba;
using Engagement.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

// The security collections start hosts of their own on the same database as the "api" collection, which resets all
// data before each of its tests and counts events: run in parallel, each would wipe or miscount the other's streams.
// The collections are few and short, so running them one after another costs seconds, not minutes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Engagement.Tests.Security;

/// <summary>
/// A web host configured differently from <see cref="AppFixture"/> (single sign-on, a small rate limit, captured
/// logs). Unlike the "api" host it sends no key on its own: every scenario says how it authenticates.
/// </summary>
public abstract class SecurityHost : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The bootstrap admin key of this host.</summary>
    public virtual string AdminKey => AppFixture.AdminKey;

    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Engagement", AppFixture.ConnectionString);
            builder.UseSetting("Auth:BootstrapKey", AdminKey);
            builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
            Configure(builder);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                ConfigureServices(services);
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>An empty store with this host's bootstrap key, as after a first start.</summary>
    public async Task ResetAsync()
    {
        await Store.Advanced.ResetAllData();
        foreach (var service in Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Engagement.Access.BootstrapKey>())
            await service.StartAsync(CancellationToken.None);
    }

    public async Task<long> EventCount() => (await Store.Advanced.FetchEventStoreStatistics()).EventCount;
}

/// <summary>Resets the data of a <see cref="SecurityHost"/> before each test.</summary>
public abstract class SecurityTest<THost>(THost fixture) : IAsyncLifetime where THost : SecurityHost
{
    protected THost Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;

    public Task InitializeAsync() => Fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Keeps every log entry the host writes, with its formatted message, arguments, scopes and exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var entry = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values) entry.Append($" | {key}={value}");
            provider._scopes.ForEachScope((scope, text) =>
            {
                text.Append($" | scope {scope}");
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) text.Append($" {key}={value}");
            }, entry);
            if (exception is not null) entry.Append($" | {exception}");
            provider._entries.Enqueue(entry.ToString());
        }
    }
}
