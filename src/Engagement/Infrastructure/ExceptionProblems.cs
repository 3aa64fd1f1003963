using System.Text.Json;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Infrastructure;

/// <summary>
/// Turns what a client can cause (bad JSON, a body over the limit, a lost optimistic-concurrency race) and a database
/// outage (503 with Retry-After) into problem+json with the right status; anything else stays a 500 and is logged.
/// </summary>
public sealed class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (DatabaseOutage.IsOutage(exception))
        {
            logger.LogWarning("The database is unreachable; answered {Method} {Path} with 503: {Reason}",
                http.Request.Method, http.Request.Path, exception.Message);
            http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var problem = ToProblem(http, exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            return false;
        }
        http.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, ProblemDetails = problem.ToProblemDetails(), Exception = exception
        });
    }

    public static Problem? ToProblem(HttpContext http, Exception exception) => exception switch
    {
        _ when DatabaseOutage.IsOutage(exception) => DatabaseOutage.Unavailable,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge,
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
        BadHttpRequestException bad => new Problem(bad.StatusCode, "Bad request", bad.Message),
        JsonException json => Malformed(json),
        _ when ConcurrencyRetry.IsLostRace(exception) || exception is ExistingStreamIdCollisionException =>
            http.Request.Headers.IfMatch.Count > 0
                ? new Problem(StatusCodes.Status412PreconditionFailed, "The version has changed",
                    "The stream moved past the version in If-Match. Read it again and retry.")
                : Problem.Conflict("The record changed while this request was being handled. Retry the request."),
        _ => null
    };

    public static readonly Problem TooLarge = new(StatusCodes.Status413PayloadTooLarge, "Request body too large",
        $"Request bodies are limited to {Limits.RequestBodyBytes / 1024} KiB.");

    private static Problem Malformed(JsonException json) =>
        new(StatusCodes.Status400BadRequest, "Malformed JSON",
            json.Path is { Length: > 1 } path
                ? $"The body could not be read at '{path.TrimStart('$', '.')}': {FirstSentence(json.Message)}"
                : $"The body is not valid JSON for this request: {FirstSentence(json.Message)}",
            json.Path is { Length: > 1 } p ? new Dictionary<string, string[]> { [p.TrimStart('$', '.')] = [FirstSentence(json.Message)] } : null);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] + "." : message;
    }
}
