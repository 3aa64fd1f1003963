using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Infrastructure;

/// <summary>
/// While PostgreSQL cannot be reached, whatever needs it answers 503 with Retry-After: the client did nothing wrong and
/// the same request will work once the database is back.
/// </summary>
public static class DatabaseOutage
{
    public const int RetryAfterSeconds = 5;

    public static readonly Problem Unavailable = new(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
        $"The database cannot be reached right now. Retry after {RetryAfterSeconds} s; retry a write with the same Idempotency-Key.");

    /// <summary>True when the exception, or one it wraps, says the database is unreachable or refusing connections.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Connection exceptions (08), shutting down or starting up (57P01-57P03), out of connections (53).
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                           || pg.SqlState.StartsWith("53", StringComparison.Ordinal);
                case NpgsqlException or SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }
        return false;
    }

    public static Task WriteAsync(HttpContext http)
    {
        http.Response.StatusCode = Unavailable.Status;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Unavailable.ToResult().ExecuteAsync(http);
    }

    /// <summary>Checks credentials as usual, but a database outage leaves the caller anonymous instead of failing the request.</summary>
    public static void AddOutageAwareAuthentication(this IServiceCollection services) =>
        services.AddScoped<IAuthenticationService, OutageAwareAuthentication>();
}

/// <summary>
/// Keys and sessions are checked against the database. When it is down the caller stays anonymous, so public routes
/// (/health/*) answer as usual, and a route that needs a caller answers 503 rather than 401 or 500.
/// </summary>
public sealed class OutageAwareAuthentication(IAuthenticationSchemeProvider schemes, IAuthenticationHandlerProvider handlers,
    IClaimsTransformation transform, IOptions<AuthenticationOptions> options, ILogger<OutageAwareAuthentication> logger)
    : AuthenticationService(schemes, handlers, transform, options)
{
    private static readonly object Marker = new();

    public override async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
    {
        try
        {
            return await base.AuthenticateAsync(context, scheme);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            if (context.Items.TryAdd(Marker, true))
                logger.LogWarning("The database is unreachable, so the credentials of {Method} {Path} could not be checked: {Reason}",
                    context.Request.Method, context.Request.Path, e.Message);
            return AuthenticateResult.Fail("The database is unreachable, so the credentials could not be checked.");
        }
    }

    public override Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        context.Items.ContainsKey(Marker) ? DatabaseOutage.WriteAsync(context) : base.ChallengeAsync(context, scheme, properties);

    public override Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        context.Items.ContainsKey(Marker) ? DatabaseOutage.WriteAsync(context) : base.ForbidAsync(context, scheme, properties);
}
