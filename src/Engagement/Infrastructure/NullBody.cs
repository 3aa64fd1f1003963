namespace Engagement.Infrastructure;

/// <summary>
/// Refuses a JSON body that is the literal <c>null</c>: Wolverine would hand the endpoint a null command, which every
/// Validate step takes to be there. Reads the body that <see cref="RequestBodyLimit"/> buffered.
/// </summary>
public sealed class NullBody(RequestDelegate next)
{
    private static readonly Problem Refused = new(StatusCodes.Status400BadRequest, "Malformed JSON",
        "The body must be a JSON object, not null. Nothing was recorded.");

    public Task InvokeAsync(HttpContext http)
    {
        var type = http.Request.ContentType;
        if ((string.IsNullOrEmpty(type) || type.Contains("json", StringComparison.OrdinalIgnoreCase))
            && http.Request.Body is MemoryStream body && body.TryGetBuffer(out var bytes) && IsNull(bytes))
        {
            http.Response.StatusCode = Refused.Status;
            return Refused.ToResult().ExecuteAsync(http);
        }
        return next(http);
    }

    private static bool IsNull(ReadOnlySpan<byte> json) => json.Trim(" \t\r\n\uFEFF"u8).SequenceEqual("null"u8);
}
