using System.Collections.Concurrent;
using System.Diagnostics;

namespace Engagement.Load;

public sealed record Percentiles(double P50, double P95, double P99, int Samples)
{
    public static Percentiles Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) return new(double.NaN, double.NaN, double.NaN, 0);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new(At(0.50), At(0.95), At(0.99), sorted.Length);
    }
}

/// <summary>The result of running one operation for a while: how many, how fast, each one's latency, and the first failure.</summary>
public sealed record Run(int Operations, int Events, TimeSpan Elapsed, Percentiles Latency, int Failures, string? FirstFailure = null)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>An operation a client repeats: answers how many commands it ran and the events they appended.</summary>
public delegate Task<(int Commands, int Events)> Operation(int client, int iteration, Action<double> latency);

public static class Measure
{
    /// <summary>Closed loop: each client runs the next operation as soon as its last one answered, for the duration.</summary>
    public static async Task<Run> ClosedLoop(int clients, TimeSpan duration, Operation operation, Func<bool>? stop = null)
    {
        var latencies = new ConcurrentBag<double>();
        int commands = 0, events = 0, failures = 0;
        string? first = null;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; watch.Elapsed < duration && stop?.Invoke() != true; i++)
            {
                try
                {
                    var (c, e) = await operation(client, i, latencies.Add);
                    Interlocked.Add(ref commands, c);
                    Interlocked.Add(ref events, e);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref first, e.Message, null);
                }
            }
        })));
        return new Run(commands, events, watch.Elapsed, Percentiles.Of(latencies), failures, first);
    }

    /// <summary>
    /// Open loop at a fixed rate of operations per second: each starts on schedule whether or not earlier ones have
    /// answered, and its latency counts from when it was due, so a stall is not hidden by waiting for it.
    /// </summary>
    public static async Task<Run> OpenLoop(double perSecond, TimeSpan duration, Operation operation)
    {
        var latencies = new ConcurrentBag<double>();
        int commands = 0, events = 0, failures = 0;
        string? first = null;
        var running = new List<Task>();
        var watch = Stopwatch.StartNew();
        var total = (int)(perSecond * duration.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - watch.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var iteration = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    var (c, e) = await operation(iteration % 64, iteration, _ => { });
                    latencies.Add((watch.Elapsed - due).TotalMilliseconds);
                    Interlocked.Add(ref commands, c);
                    Interlocked.Add(ref events, e);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref first, e.Message, null);
                }
            }));
        }
        await Task.WhenAll(running);
        return new Run(commands, events, watch.Elapsed, Percentiles.Of(latencies), failures, first);
    }

    public static async Task<T> Timed<T>(Func<Task<T>> action, Action<double> latency)
    {
        var watch = Stopwatch.StartNew();
        var result = await action();
        latency(watch.Elapsed.TotalMilliseconds);
        return result;
    }
}
