using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Engagement.Load;

/// <summary>A CRM's webhook endpoint on loopback: answers 204 at once and notes when each event arrived.</summary>
public sealed class Receiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    public int Port { get; }
    public ConcurrentDictionary<string, (DateTimeOffset RecordedAt, DateTimeOffset ReceivedAt, string Type, string Body)> Received { get; } = new();
    public int Duplicates;

    public Receiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                var now = DateTimeOffset.UtcNow;
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                var id = $"{context.Request.Url!.AbsolutePath}|{context.Request.Headers["webhook-id"]}";
                try
                {
                    var json = JsonNode.Parse(body)!;
                    if (!Received.TryAdd(id, (json["timestamp"]!.GetValue<DateTimeOffset>(), now, json["type"]!.GetValue<string>(), body)))
                        Interlocked.Increment(ref Duplicates);
                }
                catch (Exception) { }
                context.Response.StatusCode = 204;
                context.Response.Close();
            });
        }
    }

    public async Task<bool> WaitForAsync(Func<int, bool> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (done(Received.Count)) return true;
            await Task.Delay(50);
        }
        return done(Received.Count);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
