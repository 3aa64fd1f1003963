namespace Engagement.Infrastructure;

/// <summary>
/// Refuses bodies over <see cref="Limits.RequestBodyBytes"/> (<see cref="Limits.ImportBodyBytes"/> for a file uploaded
/// to /api/imports) with 413 before anything reads them in full, whether the client declared a Content-Length or
/// streams chunks, and leaves the accepted body buffered for re-reading.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = Limit(http);
        if (http.Request.ContentLength > limit) { await TooLarge(http); return; }
        var method = http.Request.Method;
        if (http.Request.ContentLength is null or > 0 && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) { await TooLarge(http); return; }
                buffer.Write(chunk, 0, read);
            }
            buffer.Position = 0;
            http.Request.Body = buffer;
            http.Request.ContentLength = buffer.Length;
        }
        await next(http);
    }

    private static long Limit(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api/imports")) return Limits.RequestBodyBytes;
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel)
            kestrel.MaxRequestBodySize = Limits.ImportBodyBytes;
        return Limits.ImportBodyBytes;
    }

    private static Task TooLarge(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        http.Response.Headers.Connection = "close";
        return ExceptionProblems.TooLarge.ToResult().ExecuteAsync(http);
    }
}
