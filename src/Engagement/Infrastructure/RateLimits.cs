using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Engagement.Infrastructure;

/// <summary>
/// A fixed window per caller (the key's name when signed in, else the client address): RateLimiting:PermitsPerMinute
/// requests a minute (default 600), then 429 with Retry-After.
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
                    http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.Identity.Name : "ip:" + http.Connection.RemoteIpAddress,
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
}
