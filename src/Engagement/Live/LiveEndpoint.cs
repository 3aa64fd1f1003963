using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Live;

public static class LiveEndpoint
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Server-sent events: <c>retry: 2000</c>, then <c>event: appended</c> with <c>{"sequence": N}</c> whenever the event
    /// store moves, and a <c>: keep-alive</c> comment every 15 s. Pages re-fetch what they show on <c>appended</c>.
    /// </summary>
    [WolverineGet("/api/live", Name = "LiveUpdates"), Tags("Live")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/event-stream")]
    public static async Task Stream(HttpContext http, LiveUpdates updates, IHostApplicationLifetime lifetime)
    {
        // Ends with the client or with the service, whose shutdown would otherwise wait for every open stream.
        using var open = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = open.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var (id, reader) = updates.Listen();
        try
        {
            await Write(http, "retry: 2000\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAlive);
                try
                {
                    var sequence = await reader.ReadAsync(wait.Token);
                    await Write(http, $"event: appended\ndata: {{\"sequence\": {sequence}}}\n\n", ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await Write(http, ": keep-alive\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            updates.Leave(id);
        }
    }

    private static async Task Write(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}

public static class LiveConfiguration
{
    public static void AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveUpdates>();
        builder.Services.AddHostedService<LivePoller>();
    }
}
