using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Tests.Webhooks;

public enum Answer { Ok, Error500, Hang, Gone410, TooMany429, Unavailable503 }

/// <summary>One request as the receiver saw it, and what it answered (0 when it hung until the caller gave up).</summary>
public sealed record Received(string? Id, string? Timestamp, string? Signature, string Body, DateTimeOffset At, int Status,
    string? TraceParent = null)
{
    public System.Text.Json.Nodes.JsonNode Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!;
    public long Sequence => Json["sequence"]!.GetValue<long>();
    public string Type => Json["type"]!.GetValue<string>();
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, port chosen by the OS) that answers as told: scripted answers first,
/// then <see cref="Default"/>. Stopping it makes connections to its port refused; starting it again reuses the port.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Answer> _script = new();
    private readonly ConcurrentQueue<Received> _requests = new();
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;

    public int Port { get; private set; }
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public Answer Default { get; set; } = Answer.Ok;
    public int RetryAfterSeconds { get; set; } = 2;
    public IReadOnlyList<Received> Requests => [.. _requests];
    /// <summary>The most requests this receiver was answering at the same time.</summary>
    public int MaxInFlight => _maxInFlight;

    public static async Task<Receiver> StartAsync(Answer answer = Answer.Ok)
    {
        var receiver = new Receiver { Default = answer };
        await receiver.ListenAsync();
        return receiver;
    }

    /// <summary>The next requests get these answers, in order.</summary>
    public void Script(params Answer[] answers)
    {
        foreach (var a in answers) _script.Enqueue(a);
    }

    public async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    /// <summary>Stops listening: from now on connections are refused.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int max;
        while (inFlight > (max = _maxInFlight) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max) { }
        try
        {
            await AnswerAsync(http);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var answer = _script.TryDequeue(out var scripted) ? scripted : Default;
        var status = answer switch
        {
            Answer.Ok => 200, Answer.Error500 => 500, Answer.Gone410 => 410, Answer.TooMany429 => 429, Answer.Unavailable503 => 503,
            _ => 0
        };
        _requests.Enqueue(new Received(http.Request.Headers["webhook-id"], http.Request.Headers["webhook-timestamp"],
            http.Request.Headers["webhook-signature"], body, DateTimeOffset.UtcNow, status, http.Request.Headers["traceparent"]));
        if (answer == Answer.Hang)
        {
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }
        http.Response.StatusCode = status;
        if (answer is Answer.TooMany429 or Answer.Unavailable503) http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        await http.Response.WriteAsync(answer == Answer.Ok ? "thanks" : $"answered {status} as told");
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
