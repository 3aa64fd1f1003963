using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;

namespace Engagement.Load;

public sealed record Profile(string Name, int[] Clients, TimeSpan WriteDuration, int Meetings, int ReadSamples, int WebhookEvents,
    TimeSpan CrashAfter)
{
    public static readonly Profile Quick = new("quick", [1, 8, 32], TimeSpan.FromSeconds(8), 2_000, 25, 300, TimeSpan.FromSeconds(4));
    /// <summary>Seconds, not minutes: checks that every phase runs, not how fast.</summary>
    public static readonly Profile Smoke = new("smoke", [1, 2], TimeSpan.FromSeconds(2), 100, 3, 20, TimeSpan.FromSeconds(1));
    public static readonly Profile Full = new("full", [1, 8, 32], TimeSpan.FromSeconds(30), 10_000, 100, 3_000, TimeSpan.FromSeconds(10));
}

/// <summary>One row of the report: what was measured, the service's figure, the baseline's, and the target.</summary>
public sealed record Row(string Section, string What, string Service, string? Baseline = null, string? Ratio = null, string? Target = null,
    bool? Met = null);

/// <summary>The phases of one run, each writing its rows as it finishes; the service and the baseline alternate.</summary>
public sealed class Harness(Profile profile, Service service, Baseline baseline, NpgsqlDataSource data, Action<string> progress)
{
    private const string Key = "unused";
    public List<Row> Rows { get; } = [];
    private Api _api = null!;
    private Guid[] _organizations = [];
    private readonly List<Guid> _asks = [];
    private int _meetings;
    private DateTimeOffset _afterWrites = DateTimeOffset.UtcNow;
    private static readonly DateOnly Start = new(2016, 1, 1);
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms < 10 ? $"{ms:F1} ms" : $"{ms:F0} ms";
    private static string Rate(double perSecond) => $"{perSecond:F0}/s";
    private static string Bytes(long bytes) => bytes < 10_000 ? $"{bytes} B" : bytes < 10_000_000 ? $"{bytes / 1024.0:F0} KB" : $"{bytes / 1048576.0:F1} MB";

    private DateOnly DayOf(int i) => Start.AddDays(i * 37 % (Today.DayNumber - Start.DayNumber));

    public async Task ColdStartAsync()
    {
        progress("Cold start: the service on an empty database, until its first write succeeds");
        var created = await service.StartAsync();
        Rows.Add(new("Start", "first start on an empty database to first write (schema created)", Ms(created.TotalMilliseconds)));
        // What a deploy, a restart or a new node does: a new process on a database that has its schema.
        progress("Cold start: stopped, then started again on that database, until its first write succeeds");
        await service.StopAsync();
        var elapsed = await service.StartAsync();
        Rows.Add(new("Start", "cold start to first write (a new process, schema in place)", Ms(elapsed.TotalMilliseconds), Target: "< 1500 ms",
            Met: elapsed.TotalMilliseconds < 1500));
        _api = new Api(service.Client());
        _organizations = await _api.OrganizationsAsync(40);
        await baseline.CreateAsync();
    }

    private (Guid Government, Guid Member) PairOf(int i) => (_organizations[i * 2 % 40], _organizations[(i * 2 + 1) % 40]);

    private Operation ServiceMeeting => async (client, i, latency) =>
    {
        var n = Interlocked.Increment(ref _meetings);
        var (government, member) = PairOf(n);
        var (_, asks) = await _api.MeetingWithAsksAsync(government, member, DayOf(n), $"Meeting {n} on trade and technology", latency);
        lock (_asks) _asks.AddRange(asks);
        return (4, 4);
    };

    private Operation BaselineMeeting => async (_, _, latency) =>
    {
        await Measure.Timed(async () => { await baseline.AppendAsync(Guid.NewGuid(), "meeting_logged"); return 0; }, latency);
        for (var s = 0; s < 2; s++) await Measure.Timed(async () => { await baseline.AppendAsync(Guid.NewGuid(), "suggestion_raised"); return 0; }, latency);
        await Measure.Timed(async () => { await baseline.AppendAsync(Guid.NewGuid(), "commitment_made"); return 0; }, latency);
        return (4, 4);
    };

    private Guid RandomAsk(int i)
    {
        lock (_asks) return _asks[(int)((uint)(i * 2654435761) % _asks.Count)];
    }

    private Operation ServiceResponse => async (_, i, latency) =>
    {
        await Measure.Timed(() => _api.RespondAsync(RandomAsk(i), Today), latency);
        return (1, 1);
    };

    private readonly List<Guid> _baselineStreams = [.. Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid())];

    private Operation BaselineResponse => async (_, i, latency) =>
    {
        await Measure.Timed(async () => { await baseline.AppendAsync(_baselineStreams[(int)((uint)(i * 2654435761) % 2000)], "suggestion_responded"); return 0; }, latency);
        return (1, 1);
    };

    public async Task WritesAsync()
    {
        var maxMeetingRate = 0.0;
        var maxBaselineRate = 0.0;
        foreach (var (name, serviceOp, baselineOp) in new[]
                 {
                     ("log a meeting with two asks and a commitment", ServiceMeeting, BaselineMeeting),
                     ("record a response to an ask", ServiceResponse, BaselineResponse)
                 })
        {
            foreach (var clients in profile.Clients)
            {
                progress($"Writes: {name}, {clients} client(s), {profile.WriteDuration.TotalSeconds:F0} s each for the service and the baseline");
                var ours = await Measure.ClosedLoop(clients, profile.WriteDuration, serviceOp);
                if (ours.FirstFailure is { } failure) progress($"  {ours.Failures} failed; the first: {failure}");
                service.SampleMemory();
                var raw = await Measure.ClosedLoop(clients, profile.WriteDuration, baselineOp);
                var ratio = ours.EventsPerSecond / raw.EventsPerSecond;
                Rows.Add(new("Writes", $"{name}, {clients} client(s): commands/s (events/s)",
                    $"{Rate(ours.OperationsPerSecond)} ({Rate(ours.EventsPerSecond)}){(ours.Failures > 0 ? $", {ours.Failures} failed" : "")}",
                    $"{Rate(raw.OperationsPerSecond)} ({Rate(raw.EventsPerSecond)})", $"{ratio:F2}×",
                    clients == 8 ? "≥ 0.5×" : null, clients == 8 ? ratio >= 0.5 : null));
                if (name.StartsWith("log")) maxMeetingRate = Math.Max(maxMeetingRate, ours.OperationsPerSecond);
                if (name.StartsWith("log")) maxBaselineRate = Math.Max(maxBaselineRate, raw.OperationsPerSecond);
            }
        }

        _afterWrites = DateTimeOffset.UtcNow;
        var rate = maxMeetingRate * 0.7;
        progress($"Latency and freshness at 70% of the service's maximum ({rate:F0} commands/s), then the baseline at that rate");
        var freshness = new List<(string, double)>();
        var probe = Task.Run(() => ProbeFreshnessAsync(profile.WriteDuration, freshness));
        var ours70 = await Measure.OpenLoop(rate / 4, profile.WriteDuration, ServiceMeeting);
        await probe;
        var raw70 = await Measure.OpenLoop(rate / 4, profile.WriteDuration, BaselineMeeting);
        var latencyRatio = ours70.Latency.P99 / raw70.Latency.P99;
        Rows.Add(new("Writes", $"latency of \"log a meeting…\" at 70% of max ({rate:F0} commands/s) p50 / p95 / p99",
            $"{Ms(ours70.Latency.P50)} / {Ms(ours70.Latency.P95)} / {Ms(ours70.Latency.P99)}",
            $"{Ms(raw70.Latency.P50)} / {Ms(raw70.Latency.P95)} / {Ms(raw70.Latency.P99)}", $"{latencyRatio:F1}× (p99)", "≤ 3× (p99)",
            latencyRatio <= 3));
        foreach (var model in freshness.Select(f => f.Item1).Distinct())
        {
            var p = Percentiles.Of(freshness.Where(f => f.Item1 == model).Select(f => f.Item2));
            Rows.Add(new("Freshness", $"write to {model} at 70% load, p50 / p99 ({p.Samples} probes)", $"{Ms(p.P50)} / {Ms(p.P99)}",
                Target: "p99 < 500 ms", Met: p.P99 < 500));
        }

        // The same probes with nothing else writing: the floor a member of staff sees after saving.
        progress("Freshness with the service idle");
        var idle = new List<(string, double)>();
        await ProbeFreshnessAsync(TimeSpan.FromSeconds(Math.Min(10, profile.WriteDuration.TotalSeconds)), idle);
        foreach (var model in idle.Select(f => f.Item1).Distinct())
        {
            var p = Percentiles.Of(idle.Where(f => f.Item1 == model).Select(f => f.Item2));
            Rows.Add(new("Freshness", $"write to {model}, idle, p50 / p99 ({p.Samples} probes)", $"{Ms(p.P50)} / {Ms(p.P99)}",
                Target: "well under 1 s (p99 < 500 ms)", Met: p.P99 < 500));
        }
    }

    /// <summary>Logs a meeting with a word of its own and times until the async read models show it.</summary>
    private async Task ProbeFreshnessAsync(TimeSpan duration, List<(string, double)> samples)
    {
        using var client = service.Client();
        var api = new Api(client);
        var watch = Stopwatch.StartNew();
        var (government, member) = PairOf(1);
        while (watch.Elapsed < duration - TimeSpan.FromSeconds(1))
        {
            var word = $"probe{Guid.NewGuid():N}"[..16];
            var meeting = await api.CreateAsync("/api/meetings", new { title = $"Freshness {word}", heldOn = Today, organizationIds = new[] { government, member } });
            var written = Stopwatch.StartNew();
            bool searched = false, timeline = false;
            while (written.Elapsed < TimeSpan.FromSeconds(30) && !(searched && timeline))
            {
                if (!searched && (await api.GetAsync($"/api/meetings?q={word}")).Body?.ToJsonString().Contains(meeting.ToString()) == true)
                {
                    searched = true;
                    lock (samples) samples.Add(("meeting search", written.Elapsed.TotalMilliseconds));
                }
                if (!timeline && (await api.GetAsync($"/api/organizations/{government}/timeline?limit=5")).Body?.ToJsonString().Contains(meeting.ToString()) == true)
                {
                    timeline = true;
                    lock (samples) samples.Add(("organisation timeline", written.Elapsed.TotalMilliseconds));
                }
                await Task.Delay(10);
            }
            await Task.Delay(300);
        }
    }

    public async Task LoadAsync()
    {
        var missing = profile.Meetings - _meetings;
        if (missing <= 0) return;
        progress($"Loading data through the API up to {profile.Meetings} meetings ({missing} more, 16 clients)");
        var target = profile.Meetings;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref _meetings) < target)
            {
                await ServiceMeeting(0, 0, _ => { });
                var done = Volatile.Read(ref _meetings);
                if (done % 1000 == 0) progress($"  {done}/{target} meetings ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        })));
        progress("Waiting for the asynchronous read models to catch up");
        await WaitForProjectionsAsync(TimeSpan.FromMinutes(30));
    }

    private async Task WaitForProjectionsAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            var body = (await _api.GetAsync("/api/engagement?limit=1")).Body;
            if (body?["freshness"] is JsonNode f && f.ToJsonString().Contains("\"eventsBehind\":0")) return;
            if (body?["freshness"] is null) return;
            await Task.Delay(500);
        }
    }

    public async Task ReadsAsync()
    {
        var asOf = DayOf(_meetings / 2).ToString("yyyy-MM-dd");
        var knownAt = Uri.EscapeDataString(_afterWrites.ToString("O"));
        var organization = _organizations[0];
        var routes = new List<(string Name, string Url)>
        {
            ("dashboard", "/api/dashboard"),
            ("asks, first page", "/api/asks?limit=50"),
            ("commitments, first page", "/api/commitments?limit=50"),
            ("meetings, first page", "/api/meetings?limit=50"),
            ("engagement, first page", "/api/engagement?limit=50"),
            ("organisation timeline, first page", $"/api/organizations/{organization}/timeline?limit=50"),
            ("meeting search", "/api/meetings?q=research%20cooperation&limit=50")
        };
        foreach (var (name, url) in routes.ToList().Where(r => r.Name.Contains("first page")))
        {
            var deep = await DeepCursorAsync(url);
            if (deep is not null) routes.Add((name.Replace("first page", "deep page"), $"{url}&cursor={Uri.EscapeDataString(deep)}"));
        }
        foreach (var (name, url) in routes)
        {
            foreach (var (when, suffix) in new[] { ("live", ""), ($"asOf {asOf}", $"asOf={asOf}"), ("knownAt the end of the write phase", $"knownAt={knownAt}") })
            {
                if (url.Contains("cursor=") && suffix.Length > 0) continue;
                var full = suffix.Length == 0 ? url : url + (url.Contains('?') ? "&" : "?") + suffix;
                progress($"Reads: {name}, {when}");
                var latencies = new List<double>();
                long bytes = 0;
                var status = 0;
                for (var i = 0; i < profile.ReadSamples; i++)
                {
                    var watch = Stopwatch.StartNew();
                    (status, bytes, _) = await _api.GetAsync(full);
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
                var p = Percentiles.Of(latencies);
                Rows.Add(new("Reads", $"{name}, {when}: p50 / p99, answer", status == 200 ? $"{Ms(p.P50)} / {Ms(p.P99)}, {Bytes(bytes)}" : $"HTTP {status}",
                    Target: "p99 < 50 ms", Met: status == 200 && p.P99 < 50));
            }
        }
        foreach (var (name, sql) in new[]
                 {
                     ("dashboard figures (counts by status)",
                      "select data->>'status', count(*) from engagement.mt_doc_suggestion group by 1 union all select data->>'status', count(*) from engagement.mt_doc_commitment group by 1"),
                     ("asks, first page", "select data from engagement.mt_doc_suggestion where data->>'status' <> 'Resolved' order by data->>'raisedOn', id limit 50"),
                     ("meetings per month", "select date_trunc('month', (data->>'heldOn')::date), count(*) from engagement.mt_doc_meeting group by 1")
                 })
        {
            var latencies = new List<double>();
            long bytes = 0;
            for (var i = 0; i < profile.ReadSamples; i++)
            {
                var watch = Stopwatch.StartNew();
                bytes = await baseline.ReadAsync(sql);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
            var p = Percentiles.Of(latencies);
            Rows.Add(new("Reads", $"raw SQL baseline: {name}: p50 / p99", "", $"{Ms(p.P50)} / {Ms(p.P99)}, {Bytes(bytes)}"));
        }
    }

    /// <summary>A cursor about halfway down a list, found by walking it 500 rows at a time (not timed).</summary>
    private async Task<string?> DeepCursorAsync(string url)
    {
        var first = (await _api.GetAsync(url.Replace("limit=50", "limit=500"))).Body;
        if (first?["total"] is not JsonNode total || first["nextCursor"] is not JsonNode next) return null;
        var pages = Math.Max(1, total.GetValue<int>() / 1000);
        var cursor = next.GetValue<string>();
        for (var i = 1; i < pages; i++)
        {
            var page = (await _api.GetAsync($"{url.Replace("limit=50", "limit=500")}&cursor={Uri.EscapeDataString(cursor)}")).Body;
            if (page?["nextCursor"] is not JsonNode n) break;
            cursor = n.GetValue<string>();
        }
        return cursor;
    }

    public async Task WebhooksAsync()
    {
        foreach (var endpoints in new[] { 1, 10 })
        {
            progress($"Webhooks: {profile.WebhookEvents} meetings logged, delivered to {endpoints} local endpoint(s)");
            using var receiver = new Receiver();
            var ids = new List<Guid>();
            for (var e = 0; e < endpoints; e++)
                ids.Add(await _api.CreateAsync("/api/webhooks", new { url = receiver.Url($"hook{e}"), eventTypes = new[] { "meeting.logged" } }));
            var (government, member) = PairOf(3);
            var count = 0;
            await Measure.ClosedLoop(8, TimeSpan.FromMinutes(5), async (_, _, _) =>
            {
                await _api.CreateAsync("/api/meetings", new { title = "Webhook load", heldOn = Today, organizationIds = new[] { government, member } });
                return (1, 1);
            }, () => Interlocked.Increment(ref count) > profile.WebhookEvents);
            var expected = profile.WebhookEvents * endpoints;
            var all = await receiver.WaitForAsync(n => n >= expected, TimeSpan.FromMinutes(5));
            var received = receiver.Received.Values.ToList();
            var span = received.Count < 2 ? TimeSpan.Zero : received.Max(r => r.ReceivedAt) - received.Min(r => r.ReceivedAt);
            var p = Percentiles.Of(received.Select(r => (r.ReceivedAt - r.RecordedAt).TotalMilliseconds));
            Rows.Add(new("Webhooks", $"{endpoints} endpoint(s): deliveries/s; event to receipt p50 / p99",
                $"{(span.TotalSeconds > 0 ? Rate(received.Count / span.TotalSeconds) : "n/a")}; {Ms(p.P50)} / {Ms(p.P99)}" +
                $"{(all ? "" : $" ({received.Count} of {expected} arrived)")}{(receiver.Duplicates > 0 ? $", {receiver.Duplicates} duplicates" : "")}",
                Target: endpoints == 1 ? "≥ 200/s, p99 < 1 s" : "≥ 500/s", Met: all && span.TotalSeconds > 0 &&
                    received.Count / span.TotalSeconds >= (endpoints == 1 ? 200 : 500) && (endpoints > 1 || p.P99 < 1000)));
            foreach (var id in ids) await _api.Http.DeleteAsync($"/api/webhooks/{id}");
        }
    }

    public async Task CrashAsync()
    {
        progress($"Crash: 8 clients log meetings, SIGKILL after {profile.CrashAfter.TotalSeconds:F0} s, restart, count what is missing");
        using var receiver = new Receiver();
        await _api.CreateAsync("/api/webhooks", new { url = receiver.Url("crash"), eventTypes = new[] { "meeting.logged" } });
        var word = $"crash{Guid.NewGuid():N}"[..14];
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var (government, member) = PairOf(5);
        var killed = false;
        var load = Measure.ClosedLoop(8, TimeSpan.FromSeconds(60), async (_, _, _) =>
        {
            acknowledged.Add(await _api.CreateAsync("/api/meetings", new { title = $"Crash {word}", heldOn = Today, organizationIds = new[] { government, member } }));
            return (1, 1);
        }, () => Volatile.Read(ref killed));
        await Task.Delay(profile.CrashAfter);
        await service.KillAsync();
        Volatile.Write(ref killed, true);
        await load;
        var restart = await service.StartAsync();
        _api = new Api(service.Client());
        await WaitForProjectionsAsync(TimeSpan.FromMinutes(5));
        var inStore = 0;
        foreach (var id in acknowledged)
            if ((await _api.GetAsync($"/api/meetings/{id}")).Status == 200) inStore++;
        var found = (await _api.GetAsync($"/api/meetings?q={word}&limit=1")).Body?["total"]?.GetValue<int>() ?? -1;
        var ids = acknowledged.Select(a => a.ToString()).ToHashSet();
        await receiver.WaitForAsync(_ => ids.All(id => receiver.Received.Values.Any(r => r.Body.Contains(id))), TimeSpan.FromSeconds(60));
        var delivered = ids.Count(id => receiver.Received.Values.Any(r => r.Body.Contains(id)));
        var lost = (acknowledged.Count - inStore) + Math.Max(0, acknowledged.Count - found) + (acknowledged.Count - delivered);
        Rows.Add(new("Crash", $"acknowledged writes missing after SIGKILL and restart ({acknowledged.Count} acknowledged): store / search / webhook",
            $"{acknowledged.Count - inStore} / {Math.Max(0, acknowledged.Count - found)} / {acknowledged.Count - delivered}", Target: "0", Met: lost == 0));
        Rows.Add(new("Start", "restart after SIGKILL to first write", Ms(restart.TotalMilliseconds)));
    }

    public async Task RebuildAsync()
    {
        await service.KillAsync();
        long events;
        await using (var count = data.CreateCommand("select count(*) from engagement.mt_events")) events = (long)(await count.ExecuteScalarAsync())!;
        progress($"Rebuild: every read model from {events} events (service stopped), then a raw read of the same events");
        var (elapsed, code, output) = await service.RunCommandAsync("projections", "rebuild");
        var watch = Stopwatch.StartNew();
        var bytes = await baseline.ReadAsync("select data from engagement.mt_events");
        var raw = watch.Elapsed;
        Rows.Add(new("Rebuild", $"projections rebuild, {events} events: events/s", code == 0 ? Rate(events / elapsed.TotalSeconds) : $"failed (exit {code}): {output.Split('\n').LastOrDefault(l => l.Length > 0)}",
            $"{Rate(events / raw.TotalSeconds)} (raw read, {Bytes(bytes)})", Target: "≥ 20000/s (at 1M events)", Met: code == 0 && events / elapsed.TotalSeconds >= 20_000));
        Rows.Add(new("Start", "peak memory of the service (VmHWM)", Bytes(service.PeakMemoryBytes)));
    }
}
