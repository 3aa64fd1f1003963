namespace Engagement.Infrastructure;

/// <summary>Headers on every response: no sniffing, no framing, no referrer; a strict CSP, looser only for the pages.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    // Our pages load their one script from /assets: no inline script can run even if text ever slipped into markup.
    private const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
                                      "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; " +
                                      "frame-ancestors 'none'; base-uri 'self'";

    // The API reference (Scalar) starts itself with an inline script.
    private const string ReferencePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
                                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; " +
                                           "frame-ancestors 'none'; base-uri 'self'";

    /// <summary>The headers of an answer that is not a page (also those of the server's own answers, <see cref="ServerAnswers"/>).</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> ApiHeaders =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "no-referrer"),
        new("Content-Security-Policy", ApiPolicy)
    ];

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            foreach (var (name, value) in ApiHeaders) headers[name] = value;
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/docs") ? ReferencePolicy : PagePolicy;
            return Task.CompletedTask;
        });
        return next(http);
    }
}
