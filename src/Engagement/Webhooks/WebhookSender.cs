using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Engagement.Webhooks;

/// <summary>What came of one HTTP attempt: a status code (any), or an error when no response came back.</summary>
public sealed record AttemptOutcome(int? StatusCode, string? ResponseBody, string? Error, TimeSpan Duration, TimeSpan? RetryAfter)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts one signed delivery. Every connection resolves the host itself and connects only to addresses that
/// <see cref="AddressGuard"/> permits, so a DNS answer that changes after registration is caught too; no proxy, no redirects.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int ResponseBodyBytes = 1024;
    private readonly HttpClient _client;
    private readonly WebhookSettings _settings;

    public WebhookSender(WebhookSettings settings)
    {
        _settings = settings;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = settings.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Engagement-Webhooks", "1"));
    }

    public async Task<AttemptOutcome> SendAsync(string url, string webhookId, DateTimeOffset now, string body,
        IReadOnlyList<string> secrets, CancellationToken ct)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json")
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signing.Header(webhookId, timestamp, body, secrets));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.RequestTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var text = await ReadStartAsync(response.Content, timeout.Token);
            return new AttemptOutcome((int)response.StatusCode, text, null, clock.Elapsed, RetryAfter(response, now));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(null, null, $"no response within {_settings.RequestTimeout.TotalSeconds:0.###} s", clock.Elapsed, null);
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is RefusedAddressException refused ? refused.Message : Describe(e);
            return new AttemptOutcome(null, null, reason, clock.Elapsed, null);
        }
    }

    private static string Describe(HttpRequestException e) =>
        e.InnerException is SocketException socket ? $"{e.Message} ({socket.SocketErrorCode})" : e.Message;

    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[ResponseBodyBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (wait is not { } w) return null;
        return w < TimeSpan.Zero ? TimeSpan.Zero : w > _settings.MaxRetryAfter ? _settings.MaxRetryAfter : w;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var permitted = AddressGuard.Permitted(resolved, _settings.AllowPrivateNetworks);
        if (permitted.Length == 0)
            throw new RefusedAddressException(
                $"refused: {host} resolves only to loopback, private, link-local, multicast or reserved addresses");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}

public sealed class RefusedAddressException(string message) : Exception(message);
