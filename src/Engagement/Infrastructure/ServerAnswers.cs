using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Engagement.Infrastructure;

/// <summary>
/// Kestrel answers some requests itself, before any middleware runs: one it cannot parse (a NUL or another control
/// character in the target, a malformed request line or header), one beyond its limits, one in an HTTP version it
/// does not speak. Its answer is a bare status line with an empty body and none of our headers. Kestrel offers no hook
/// for it, so this sits between Kestrel and the connection's socket and turns such an answer into problem+json with
/// the security headers.
/// <para>
/// It can tell such an answer from ours without parsing the traffic: the HTTP middleware here counts the requests of
/// the connection that are in the application, until each response is complete. Bytes written while none is are
/// Kestrel's own; those are held until Kestrel flushes them and rewritten when they are one bare HTTP/1.x error head.
/// Everything the application writes goes straight through, uncopied. TLS, when Kestrel terminates it, sits outside
/// this (its bytes never look like a head and pass unchanged); the service is meant to run behind a proxy that does.
/// </para>
/// </summary>
public sealed class ServerAnswers(RequestDelegate next)
{
    /// <summary>Listens on every endpoint Kestrel opens.</summary>
    public static void Listen(ListenOptions listen) => listen.Use(connectionNext => connection =>
    {
        var requests = new InApplication();
        connection.Items[typeof(ServerAnswers)] = requests;
        connection.Transport = new Duplex(connection.Transport.Input,
            new AnswerWriter(connection.Transport.Output, requests, connection.ConnectionId));
        return connectionNext(connection);
    });

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(ServerAnswers), out var value) == true &&
            value is InApplication requests)
        {
            Interlocked.Increment(ref requests.Count);
            // Kestrel calls this once the response has been written and flushed.
            http.Response.OnCompleted(() =>
            {
                Interlocked.Decrement(ref requests.Count);
                return Task.CompletedTask;
            });
        }
        return next(http);
    }

    /// <summary>
    /// The answer to send in place of <paramref name="written"/> when it is Kestrel's own bare error head (a status of
    /// 400 or more, an empty body, not one of ours), otherwise null.
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written, string connectionId)
    {
        if (!written.StartsWith("HTTP/1."u8) || !written.EndsWith("\r\n\r\n"u8) || written.IndexOf("\r\n\r\n"u8) != written.Length - 4)
            return null;
        var lines = Encoding.Latin1.GetString(written[..^4]).Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ||
            status < 400)
            return null;
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .Select(p => KeyValuePair.Create(p[0].Trim(), p[1].Trim())).ToList();
        bool named(KeyValuePair<string, string> h, string name) => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase);
        if (!headers.Any(h => named(h, "Content-Length") && h.Value == "0") || headers.Any(h => named(h, "X-Content-Type-Options")))
            return null;

        var problem = ProblemFor(status, statusLine.Length > 2 ? statusLine[2] : "");
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
            ["title"] = problem.Title,
            ["status"] = status,
            ["detail"] = problem.Detail,
            ["traceId"] = connectionId
        });
        var head = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var (name, value) in headers.Where(h => !named(h, "Content-Length") && !named(h, "Content-Type")))
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Type: application/problem+json\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var (name, value) in SecurityHeaders.ApiHeaders) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
    }

    private static Problem ProblemFor(int status, string reason) => status switch
    {
        StatusCodes.Status400BadRequest => new(status, "Bad request",
            "The server could not read the request: its request line or a header is malformed (for example a NUL or another " +
            "control character in the path). Nothing was read or recorded; correct the request and send it again."),
        StatusCodes.Status414UriTooLong => RequestHeadLimits.TargetTooLong,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => RequestHeadLimits.HeadersTooLarge,
        StatusCodes.Status505HttpVersionNotsupported => new(status, "HTTP version not supported",
            "Send the request as HTTP/1.1 or HTTP/2."),
        _ => new(status, reason.Length > 0 ? reason : "Refused", "The server refused the request before reading it. Nothing was recorded.")
    };

    /// <summary>How many requests of a connection are in the application, their responses not yet complete.</summary>
    private sealed class InApplication
    {
        public int Count;
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>Passes the application's bytes straight to the socket; holds Kestrel's own until they are flushed.</summary>
    private sealed class AnswerWriter(PipeWriter socket, InApplication requests, string connectionId) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _held = new();
        private bool _holding;

        // Once anything is held, everything after it is held too, so the order of the bytes is kept.
        private bool Hold => _held.WrittenCount > 0 || Volatile.Read(ref requests.Count) == 0;

        public override Memory<byte> GetMemory(int sizeHint = 0) => (_holding = Hold) ? _held.GetMemory(sizeHint) : socket.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_holding = Hold) ? _held.GetSpan(sizeHint) : socket.GetSpan(sizeHint);

        public override void Advance(int bytes)
        {
            if (_holding) _held.Advance(bytes);
            else socket.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Release();
            return socket.FlushAsync(cancellationToken);
        }

        public override void CancelPendingFlush() => socket.CancelPendingFlush();

        // Kestrel asks, and System.Text.Json through it, to decide when to flush a long answer.
        public override bool CanGetUnflushedBytes => socket.CanGetUnflushedBytes;

        public override long UnflushedBytes => socket.UnflushedBytes + _held.WrittenCount;

        public override void Complete(Exception? exception = null)
        {
            Release();
            socket.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Release();
            return socket.CompleteAsync(exception);
        }

        private void Release()
        {
            if (_held.WrittenCount == 0) return;
            if (Rewrite(_held.WrittenSpan, connectionId) is { } answer) socket.Write(answer);
            else socket.Write(_held.WrittenSpan);
            _held.ResetWrittenCount();
        }
    }
}
