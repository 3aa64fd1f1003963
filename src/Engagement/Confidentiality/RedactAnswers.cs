using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Engagement.Confidentiality;

/// <summary>
/// Every JSON answer of a read (<c>GET /api/**</c>) passes through <see cref="Redaction"/> for its reader, so no route
/// can forget to. Answers that are not JSON (CSV, iCalendar) redact their rows where they are written.
/// </summary>
public sealed class RedactAnswers(RequestDelegate next)
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task InvokeAsync(HttpContext http)
    {
        if (!Applies(http.Request) || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        var redaction = await Redaction.ForAsync(http);
        if (!redaction.Any)
        {
            await next(http);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        buffer.Position = 0;
        var type = http.Response.ContentType ?? "";
        if (buffer.Length > 0 && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                  || type.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase)))
        {
            var node = await JsonNode.ParseAsync(buffer, cancellationToken: http.RequestAborted);
            redaction.Redact(node);
            using var redacted = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(redacted, Writer))
            {
                if (node is null) writer.WriteNullValue();
                else node.WriteTo(writer);
            }
            http.Response.ContentLength = redacted.Length;
            redacted.Position = 0;
            await redacted.CopyToAsync(original, http.RequestAborted);
        }
        else
        {
            await buffer.CopyToAsync(original, http.RequestAborted);
        }
    }

    /// <summary>Reads of the API; the live stream is endless and carries only sequence numbers.</summary>
    private static bool Applies(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/api/live");
}
