namespace Engagement.Infrastructure;

/// <summary>
/// Refuses bodies over <see cref="Limits.RequestBodyBytes"/> with 413 before anything reads them in full, whether the
/// client declared a Content-Length or streams chunks, and leaves the accepted body buffered for re-reading.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength > Limits.RequestBodyBytes) { await TooLarge(http); return; }
        var method = http.Request.Method;
        if (http.Request.ContentLength is null or > 0 && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > Limits.RequestBodyBytes) { await TooLarge(http); return; }
                buffer.Write(chunk, 0, read);
            }
            buffer.Position = 0;
            http.Request.Body = buffer;
            http.Request.ContentLength = buffer.Length;
        }
        await next(http);
    }

    private static Task TooLarge(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        http.Response.Headers.Connection = "close";
        return ExceptionProblems.TooLarge.ToResult().ExecuteAsync(http);
    }
}
