using System.Diagnostics.Metrics;
using System.Net;
using Engagement.Access;
using Engagement.Webhooks;
using JasperFx.Events.Projections;
using JasperFx.OpenTelemetry;
using Marten;
using Marten.Services;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Engagement.Infrastructure;

/// <summary>
/// OpenTelemetry: traces of HTTP requests, Wolverine messages, Marten and Npgsql commands; metrics of requests, events
/// appended, projection lag, webhook attempts and the delivery queue. Exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT
/// is set, and scraped by Prometheus at /metrics (admins, or callers from Telemetry:MetricsNetworks).
/// </summary>
public static class Telemetry
{
    public const string Name = "Engagement";
    public const string MetricsPolicy = "metrics";
    public static readonly Meter Meter = new(Name);
    public static readonly System.Diagnostics.ActivitySource Source = new(Name);

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("engagement.webhook.attempts", "{attempt}",
        "Webhook delivery attempts, by outcome (succeeded or failed)");

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueAndLag>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueAndLag>());
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("engagement"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")
                                                                      && !http.Request.Path.StartsWithSegments("/metrics"))
                .AddSource("Wolverine", "Marten", "Npgsql", Name))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter("Wolverine", "Marten", Name)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();

        var networks = builder.Configuration.GetSection("Telemetry:MetricsNetworks").Get<string[]>() ?? [];
        var allowed = networks.Select(IPNetwork.Parse).ToArray();
        builder.Services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, p => p.RequireAssertion(c =>
            c.User.IsInRole("admin")
            || (c.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } ip
                && allowed.Any(n => n.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)))));
    }

    public static void ConfigureTelemetry(this StoreOptions options)
    {
        options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
        options.OpenTelemetry.TrackEventCounters();
        options.Listeners.Add(new AttemptCounter());
    }

    public static void UseTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsPolicy);
        // Every log line of a request carries the correlation id that its events record.
        app.Use((http, next) =>
        {
            using var scope = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Name)
                .BeginScope(new Dictionary<string, object> { ["CorrelationId"] = RecordingContext.CorrelationId(http) });
            return next(http);
        });
    }

    /// <summary>Counts each delivery attempt once its record is committed, whatever code made it.</summary>
    private sealed class AttemptCounter : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var attempt in commit.Inserted.Concat(commit.Updated).OfType<DeliveryAttempt>())
                if (attempt.Status != AttemptStatus.Pending)
                    Attempts.Add(1, new KeyValuePair<string, object?>("outcome", attempt.Status == AttemptStatus.Succeeded ? "succeeded" : "failed"));
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Samples, every few seconds, how far each asynchronous projection and subscription is behind (in events and in
    /// seconds since the first event it has not processed) and the webhook queue (pending deliveries, age of the oldest),
    /// for the observable gauges: one set of queries per node, however often they are scraped.
    /// </summary>
    public sealed class QueueAndLag(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<QueueAndLag> logger)
        : BackgroundService
    {
        private volatile Sample _last = new([], 0, 0);

        private sealed record Sample(IReadOnlyList<(string Shard, long Events, double Seconds)> Lag, long Pending, double OldestPendingSeconds);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            Meter.CreateObservableGauge("engagement.projection.lag.events",
                () => _last.Lag.Select(l => new Measurement<long>(l.Events, new KeyValuePair<string, object?>("projection", l.Shard))),
                "{event}", "Events an asynchronous projection or subscription has yet to process");
            Meter.CreateObservableGauge("engagement.projection.lag.seconds",
                () => _last.Lag.Select(l => new Measurement<double>(l.Seconds, new KeyValuePair<string, object?>("projection", l.Shard))),
                "s", "Age of the oldest event an asynchronous projection or subscription has yet to process");
            Meter.CreateObservableGauge("engagement.webhook.deliveries.pending", () => _last.Pending, "{delivery}",
                "Webhook deliveries not yet succeeded or given up");
            Meter.CreateObservableGauge("engagement.webhook.deliveries.oldest_pending.seconds", () => _last.OldestPendingSeconds, "s",
                "Age of the event behind the oldest pending webhook delivery");

            var every = TimeSpan.FromSeconds(configuration.GetValue("Telemetry:SampleSeconds", 5.0));
            using var timer = new PeriodicTimer(every);
            do
            {
                try
                {
                    _last = await SampleAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Could not sample projection lag and the webhook queue: {Message}", e.Message);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }

        private async Task<Sample> SampleAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            await using var session = store.QuerySession();
            var progress = await store.Advanced.AllProjectionProgress(token: ct);
            var highWater = progress.FirstOrDefault(p => p.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;
            var lag = new List<(string, long, double)>();
            foreach (var shard in progress.Where(p => p.ShardName != ShardState.HighWaterMark))
            {
                var behind = Math.Max(0, highWater - shard.Sequence);
                var seconds = behind == 0 ? 0 : await AgeOfEventAfter(session, shard.Sequence, now, ct);
                lag.Add((shard.ShardName, behind, seconds));
            }
            var pending = session.Query<Delivery>().Where(d => d.Status == DeliveryStatus.Pending);
            var count = await pending.CountAsync(ct);
            var oldest = count == 0 ? 0 : await AgeOfEventAfter(session, await pending.MinAsync(d => d.Sequence, ct) - 1, now, ct);
            return new Sample(lag, count, oldest);
        }

        private static async Task<double> AgeOfEventAfter(IQuerySession session, long sequence, DateTimeOffset now, CancellationToken ct)
        {
            var next = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence)
                .Select(e => e.Timestamp).FirstOrDefaultAsync(ct);
            return next == default ? 0 : Math.Max(0, (now - next).TotalSeconds);
        }
    }
}
