using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Engagement.Infrastructure;

/// <summary>
/// A fixed window per caller: RateLimiting:PermitsPerMinute requests a minute (default 600), then 429 with Retry-After.
/// A caller is its key's id (also behind a session cookie) or its token's issuer and subject, never a display name, which
/// two keys or two people may share; anyone else is their client address.
/// </summary>
public static class RateLimits
{
    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimiting:PermitsPerMinute", 600);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(
                    Caller(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await new Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This caller may send {permits} requests a minute. Retry after {seconds} s.").ToResult().ExecuteAsync(context.HttpContext);
            };
        });
    }

    public static string Caller(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(Engagement.Access.Claims.KeyId) is { Value.Length: > 0 } key) return "key:" + key.Value;
            if (user.FindFirst("sub") is { Value.Length: > 0 } subject) return $"sub:{subject.Issuer}:{subject.Value}";
            if (user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier) is { Value.Length: > 0 } id) return $"id:{id.Issuer}:{id.Value}";
        }
        return "ip:" + http.Connection.RemoteIpAddress;
    }
}
