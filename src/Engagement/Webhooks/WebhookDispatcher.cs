using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Engagement.Infrastructure;
using Marten;
using Npgsql;

namespace Engagement.Webhooks;

/// <summary>
/// Makes the attempts. The delivery documents are the queue: a delivery is due when it is pending and its
/// <c>NextAttemptAt</c> has come, so nothing else needs to survive a crash. Each endpoint has its own lane with up to
/// <see cref="WebhookSettings.MaxInFlightPerEndpoint"/> first attempts in flight, started in <c>sequence</c> order, and
/// as many retries beside them, so a slow or failing endpoint holds up only itself and a retry never waits behind a
/// backlog. Outcomes are written in batches, one transaction for many attempts.
/// One node of a cluster sends at a time: the holder of a PostgreSQL advisory lock, which the server frees the moment
/// its holder's connection dies, so a restarted or surviving node takes over at once.
/// </summary>
public sealed class WebhookDispatcher(IDocumentStore store, WebhookSender sender, WebhookSettings settings, TimeProvider clock,
    IConfiguration configuration, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string RecordedBy = "webhook-delivery";
    private const long LockKey = 0x5745_4248_4F4F_4B53;
    private const int RecordBatch = 250;
    private const int OrphanBatch = 100;

    private readonly object _gate = new();
    private readonly Dictionary<Guid, Lane> _lanes = [];
    /// <summary>Deliveries fetched and not yet recorded (queued, in flight or being written), by id, with their endpoint.</summary>
    private readonly Dictionary<string, Guid> _held = [];
    private readonly Channel<Made> _made = Channel.CreateUnbounded<Made>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _wake = new(0);
    /// <summary>By endpoint: since when every attempt failed (null: the last one succeeded), as of the endpoint's last enabling.</summary>
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset EnabledSince, DateTimeOffset? Since)> _failingSince = [];
    private NpgsqlConnection? _lock;
    private bool _holdsLock;
    private long _lockCheckedAt = long.MinValue / 2;
    private bool _failing;

    private sealed class Lane(Guid id)
    {
        public Guid Id { get; } = id;
        public string Url { get; set; } = "";
        public WebhookSecrets? Secrets { get; set; }
        public Queue<Delivery> Firsts { get; } = new();
        public Queue<Delivery> Retries { get; } = new();
        public int FirstsInFlight { get; set; }
        public int RetriesInFlight { get; set; }
        public bool MoreFirsts { get; set; }
        public bool MoreRetries { get; set; }
    }

    /// <summary>An attempt made (or refused before sending, <paramref name="NotSent"/>), waiting to be recorded.</summary>
    private sealed record Made(Delivery Delivery, int Attempt, DateTimeOffset At, AttemptOutcome Outcome, bool NotSent = false);

    private int FirstBuffer => Math.Max(8 * settings.MaxInFlightPerEndpoint, 200);
    private int RetryBuffer => 2 * settings.MaxInFlightPerEndpoint;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var recorder = Task.Run(() => RecordAsync(stop), CancellationToken.None);
        var lastFetch = long.MinValue / 2;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (await HoldsLockAsync(stop))
                    {
                        // Intervals by the machine's tick count: the business clock may be moved (tests do).
                        if (Environment.TickCount64 - lastFetch >= settings.PollInterval.TotalMilliseconds || RunningLow())
                        {
                            lastFetch = Environment.TickCount64;
                            await FetchAsync(clock.GetUtcNow(), stop);
                        }
                        StartSends(stop);
                        if (_failing) logger.LogInformation("Webhook deliveries resumed");
                        _failing = false;
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    if (!_failing) logger.LogWarning("Webhook deliveries paused: {Error}", e.Message);
                    _failing = true;
                    await ReleaseLockAsync();
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                await _wake.WaitAsync(settings.PollInterval, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _made.Writer.TryComplete();
            await recorder;
            await ReleaseLockAsync();
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <summary>
    /// Whether this node sends. The lock is tried at most once a second on a connection of its own, unpooled: the lock
    /// lasts as long as that session, and a pooled connection would keep it after the host stopped.
    /// </summary>
    private async Task<bool> HoldsLockAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_holdsLock && now - _lockCheckedAt < 5000) return true;
        if (!_holdsLock && now - _lockCheckedAt < 1000) return false;
        _lockCheckedAt = now;
        if (_lock is null)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Engagement"))
            {
                Pooling = false, ApplicationName = "engagement-webhooks"
            }.ConnectionString);
            _lock = connection;
            await connection.OpenAsync(ct);
        }
        await using var command = new NpgsqlCommand(_holdsLock ? "select true" : "select pg_try_advisory_lock(@key)", _lock);
        command.Parameters.AddWithValue("key", LockKey);
        var held = _holdsLock;
        _holdsLock = await command.ExecuteScalarAsync(ct) is true;
        // Another node may have sent meanwhile: what this one knew of failing endpoints is read from the log again.
        if (_holdsLock && !held) _failingSince.Clear();
        return _holdsLock;
    }

    private async Task ReleaseLockAsync()
    {
        if (_lock is not null) await _lock.DisposeAsync();
        _lock = null;
        _holdsLock = false;
        lock (_gate)
        {
            foreach (var lane in _lanes.Values)
            {
                foreach (var d in lane.Firsts.Concat(lane.Retries)) _held.Remove(d.Id);
                lane.Firsts.Clear();
                lane.Retries.Clear();
            }
        }
    }

    private bool RunningLow()
    {
        lock (_gate)
            return _lanes.Values.Any(l => (l.MoreFirsts && l.Firsts.Count < settings.MaxInFlightPerEndpoint)
                || (l.MoreRetries && l.Retries.Count == 0));
    }

    private async Task FetchAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var webhooks = await session.Query<Webhook>().Where(w => w.Status == WebhookStatus.Enabled).ToListAsync(ct);
        var secrets = (await session.LoadManyAsync<WebhookSecrets>(ct, webhooks.Select(w => w.Id))).ToDictionary(s => s.Id);

        var batch = session.CreateBatchQuery();
        var wanted = new List<(Lane Lane, bool Retry, int Count, Task<IReadOnlyList<Delivery>> Found)>();
        Guid[] enabled = [.. webhooks.Select(w => w.Id)];
        string[] heldOrphans;
        lock (_gate)
        {
            foreach (var gone in _lanes.Keys.Except(enabled).ToList())
            {
                var lane = _lanes[gone];
                foreach (var d in lane.Firsts.Concat(lane.Retries)) _held.Remove(d.Id);
                _lanes.Remove(gone);
            }
            foreach (var webhook in webhooks)
            {
                if (!_lanes.TryGetValue(webhook.Id, out var lane)) _lanes[webhook.Id] = lane = new Lane(webhook.Id);
                lane.Url = webhook.Url;
                lane.Secrets = secrets.GetValueOrDefault(webhook.Id);
                string[] held = [.. _held.Where(h => h.Value == webhook.Id).Select(h => h.Key)];
                var id = webhook.Id;
                var firsts = FirstBuffer - lane.Firsts.Count - lane.FirstsInFlight;
                if (firsts >= FirstBuffer / 2)
                    wanted.Add((lane, false, firsts, batch.Query<Delivery>()
                        .Where(d => d.EndpointId == id && d.Status == DeliveryStatus.Pending && d.Attempts == 0 && d.NextAttemptAt <= now
                            && !held.Contains(d.Id))
                        .OrderBy(d => d.Sequence).Take(firsts).ToList()));
                var retries = RetryBuffer - lane.Retries.Count - lane.RetriesInFlight;
                if (retries > 0)
                    wanted.Add((lane, true, retries, batch.Query<Delivery>()
                        .Where(d => d.EndpointId == id && d.Status == DeliveryStatus.Pending && d.Attempts > 0 && d.NextAttemptAt <= now
                            && !held.Contains(d.Id))
                        .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Sequence).Take(retries).ToList()));
            }
            heldOrphans = [.. _held.Where(h => !_lanes.ContainsKey(h.Value)).Select(h => h.Key)];
        }
        // Deliveries left waiting for an endpoint since disabled or deleted are closed, not sent.
        var orphans = batch.Query<Delivery>()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && !enabled.Contains(d.EndpointId)
                && !heldOrphans.Contains(d.Id))
            .Take(OrphanBatch).ToList();
        await batch.Execute(ct);

        lock (_gate)
        {
            foreach (var (lane, retry, count, found) in wanted)
            {
                var deliveries = found.Result;
                foreach (var d in deliveries.Where(d => _held.TryAdd(d.Id, d.EndpointId))) (retry ? lane.Retries : lane.Firsts).Enqueue(d);
                if (retry) lane.MoreRetries = deliveries.Count == count;
                else lane.MoreFirsts = deliveries.Count == count;
            }
            var notSent = new AttemptOutcome(null, null, "not sent: the endpoint is disabled or deleted", TimeSpan.Zero, null);
            foreach (var d in orphans.Result.Where(d => _held.TryAdd(d.Id, d.EndpointId)))
                _made.Writer.TryWrite(new Made(d, d.Attempts + 1, now, notSent, NotSent: true));
        }
    }

    private void StartSends(CancellationToken stop)
    {
        lock (_gate)
        {
            foreach (var lane in _lanes.Values)
            {
                while (lane.RetriesInFlight < settings.MaxInFlightPerEndpoint && lane.Retries.TryDequeue(out var retry))
                {
                    lane.RetriesInFlight++;
                    _ = SendAsync(lane, retry, true, stop);
                }
                while (lane.FirstsInFlight < settings.MaxInFlightPerEndpoint && lane.Firsts.TryDequeue(out var first))
                {
                    lane.FirstsInFlight++;
                    _ = SendAsync(lane, first, false, stop);
                }
            }
        }
    }

    private async Task SendAsync(Lane lane, Delivery delivery, bool retry, CancellationToken stop)
    {
        await Task.Yield();
        var now = clock.GetUtcNow();
        // A span of the trace of the request that recorded the event; HttpClient passes it on to the receiver as traceparent.
        ActivityContext.TryParse(delivery.TraceParent, null, out var parent);
        using var activity = Telemetry.Source.StartActivity("webhook delivery", ActivityKind.Producer, parent);
        activity?.SetTag("webhook.id", delivery.Id).SetTag("webhook.event_type", delivery.EventType)
            .SetTag("webhook.endpoint", delivery.EndpointId).SetTag("webhook.attempt", delivery.Attempts + 1);
        try
        {
            var outcome = await sender.SendAsync(lane.Url, delivery.Id, now, delivery.Body, lane.Secrets?.SigningAt(now) ?? [], stop);
            activity?.SetTag("http.response.status_code", outcome.StatusCode)
                .SetStatus(outcome.StatusCode is >= 200 and < 300 ? ActivityStatusCode.Ok : ActivityStatusCode.Error, outcome.Error);
            _made.Writer.TryWrite(new Made(delivery, delivery.Attempts + 1, now, outcome));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _made.Writer.TryWrite(new Made(delivery, delivery.Attempts + 1, now, new AttemptOutcome(null, null, e.Message, TimeSpan.Zero, null)));
        }
        catch (OperationCanceledException)
        {
            // Stopping: the delivery stays pending and goes out again after the restart.
        }
        finally
        {
            lock (_gate)
            {
                if (retry) lane.RetriesInFlight--;
                else lane.FirstsInFlight--;
            }
            Wake();
        }
    }

    private async Task RecordAsync(CancellationToken stop)
    {
        var reader = _made.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                var batch = new List<Made>();
                while (batch.Count < RecordBatch && reader.TryRead(out var made)) batch.Add(made);
                for (var tries = 1; ; tries++)
                {
                    try
                    {
                        await RecordAsync(batch, CancellationToken.None);
                        break;
                    }
                    catch (Exception e) when (tries < 5 && !stop.IsCancellationRequested)
                    {
                        logger.LogWarning("Recording {Count} webhook attempts failed, trying again: {Error}", batch.Count, e.Message);
                        await Task.Delay(TimeSpan.FromSeconds(tries), CancellationToken.None);
                    }
                    catch (Exception e)
                    {
                        // Left pending: those deliveries are sent again, with the same webhook-id.
                        logger.LogError(e, "Could not record {Count} webhook attempts", batch.Count);
                        break;
                    }
                }
                lock (_gate)
                    foreach (var made in batch) _held.Remove(made.Delivery.Id);
                Wake();
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "The webhook attempt recorder stopped");
        }
    }

    /// <summary>
    /// Writes what came of each attempt and what follows: the next attempt's time, giving up, or disabling the endpoint.
    /// </summary>
    private async Task RecordAsync(IReadOnlyList<Made> batch, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var endpoints = (await session.LoadManyAsync<Webhook>(ct, batch.Select(m => m.Delivery.EndpointId).Distinct())).ToDictionary(w => w.Id);
        var disabled = new HashSet<Guid>();
        foreach (var made in batch)
        {
            var delivery = made.Delivery;
            if (made.NotSent || !endpoints.TryGetValue(delivery.EndpointId, out var webhook))
            {
                Record(session, made, null);
                continue;
            }
            var next = RetryPolicy.After(made.Outcome, made.Attempt - delivery.SeriesStart + 1, settings.RetrySchedule, settings.Jitter,
                Random.Shared.NextDouble());
            if (made.Outcome.Succeeded) _failingSince[webhook.Id] = (webhook.EnabledSince, null);
            else if (next is NextStep.RetryIn or NextStep.GiveUp)
            {
                var since = await FailingSinceAsync(session, webhook, made.At, ct);
                if (RetryPolicy.FailedTooLong(since, made.At, settings.DisableAfter))
                    next = new NextStep.DisableEndpoint(
                        $"Every attempt since {since:u} failed (the limit is {settings.DisableAfter.TotalDays:0.##} days).");
            }
            Record(session, made, next is NextStep.RetryIn retry ? made.At + retry.Delay : null);
            if (next is NextStep.DisableEndpoint { Reason: var reason } && disabled.Add(webhook.Id))
                await DisableAsync(session, webhook.Id, made.Outcome.StatusCode == 410 ? DisabledCause.Gone : DisabledCause.Failing,
                    reason, made.At, ct);
        }
        await session.SaveChangesAsync(ct);
    }

    private static void Record(IDocumentSession session, Made made, DateTimeOffset? nextAttemptAt)
    {
        var (delivery, outcome) = (made.Delivery, made.Outcome);
        var status = outcome.Succeeded ? AttemptStatus.Succeeded : AttemptStatus.Failed;
        session.Store(new DeliveryAttempt(Guid.CreateVersion7(), delivery.EndpointId, delivery.Id, delivery.EventType, delivery.Sequence,
            made.Attempt, status, outcome.StatusCode, outcome.ResponseBody, outcome.Error, (long)outcome.Duration.TotalMilliseconds,
            made.At, nextAttemptAt));
        session.Store(delivery with
        {
            Attempts = made.Attempt,
            Status = outcome.Succeeded ? DeliveryStatus.Succeeded : nextAttemptAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending,
            NextAttemptAt = nextAttemptAt
        });
    }

    /// <summary>
    /// The first failed attempt after the last success (or after the endpoint was last enabled): every attempt since failed.
    /// Read from the log once, then kept up to date here.
    /// </summary>
    private async Task<DateTimeOffset> FailingSinceAsync(IQuerySession session, Webhook webhook, DateTimeOffset now,
        CancellationToken ct)
    {
        if (_failingSince.TryGetValue(webhook.Id, out var known) && known.EnabledSince == webhook.EnabledSince)
        {
            if (known.Since is { } since) return since;
            _failingSince[webhook.Id] = (webhook.EnabledSince, now);
            return now;
        }
        var found = await FailingSinceInLogAsync(session, webhook, now, ct);
        _failingSince[webhook.Id] = (webhook.EnabledSince, found);
        return found;
    }

    private static async Task<DateTimeOffset> FailingSinceInLogAsync(IQuerySession session, Webhook webhook, DateTimeOffset now,
        CancellationToken ct)
    {
        var lastSuccess = await session.Query<DeliveryAttempt>()
            .Where(a => a.EndpointId == webhook.Id && a.Status == AttemptStatus.Succeeded)
            .OrderByDescending(a => a.AttemptedAt).Take(1).ToListAsync(ct);
        var after = lastSuccess.Count > 0 && lastSuccess[0].AttemptedAt > webhook.EnabledSince
            ? lastSuccess[0].AttemptedAt
            : webhook.EnabledSince;
        var firstFailure = await session.Query<DeliveryAttempt>()
            .Where(a => a.EndpointId == webhook.Id && a.Status == AttemptStatus.Failed && a.AttemptedAt >= after)
            .OrderBy(a => a.AttemptedAt).Take(1).ToListAsync(ct);
        return firstFailure.Count > 0 ? firstFailure[0].AttemptedAt : now;
    }

    private static async Task DisableAsync(IDocumentSession session, Guid endpointId, DisabledCause cause, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Webhook>(endpointId, ct);
        if (stream.Aggregate is not { Status: WebhookStatus.Enabled } webhook) return;
        session.SetHeader(HistoryEndpoints.RecordedByHeader, RecordedBy);
        stream.AppendOne(new WebhookDisabled(endpointId, webhook.Url, cause, reason, now));
    }
}
