using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Engagement.Infrastructure;

/// <summary>
/// The limits on a request's target (8 KiB: 414) and headers (32 KiB or 100 fields: 431), enforced here rather than by
/// Kestrel, whose own refusals are bare status lines written before any middleware runs: here they are problem+json
/// with the security headers. Kestrel's limits are raised above ours so that such requests reach this middleware; a
/// request beyond Kestrel's (<see cref="KestrelFactor"/> times ours) gets Kestrel's answer, which
/// <see cref="ServerAnswers"/> turns into the same problem.
/// </summary>
public sealed class RequestHeadLimits(RequestDelegate next)
{
    public const int TargetBytes = 8 * 1024;
    public const int HeaderBytes = 32 * 1024;
    public const int HeaderCount = 100;
    private const int KestrelFactor = 4;

    public static readonly Problem TargetTooLong = new(StatusCodes.Status414UriTooLong, "URI too long",
        $"The request target (path and query) is limited to {TargetBytes / 1024} KiB.");

    public static readonly Problem HeadersTooLarge = new(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
        $"Request headers are limited to {HeaderBytes / 1024} KiB and {HeaderCount} fields.");

    public static void RaiseKestrelLimits(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = KestrelFactor * TargetBytes;
        limits.MaxRequestHeadersTotalSize = KestrelFactor * HeaderBytes;
        limits.MaxRequestHeaderCount = KestrelFactor * HeaderCount;
    }

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.PathBase + request.Path + request.QueryString;
        if (Encoding.UTF8.GetByteCount(target) > TargetBytes)
            return Refuse(http, TargetTooLong);

        var headerBytes = 0L;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length + 4; // ": " and the line's CRLF
            foreach (var value in values) headerBytes += Encoding.UTF8.GetByteCount(value ?? "");
        }
        if (headerBytes > HeaderBytes || request.Headers.Count > HeaderCount)
            return Refuse(http, HeadersTooLarge);
        return next(http);
    }

    private static Task Refuse(HttpContext http, Problem problem)
    {
        http.Response.StatusCode = problem.Status;
        http.Response.Headers.Connection = "close";
        return problem.ToResult().ExecuteAsync(http);
    }
}
