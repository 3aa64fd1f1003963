using System.Diagnostics;
using System.Text.RegularExpressions;
using Marten;

namespace Engagement.Infrastructure;

/// <summary>
/// Wolverine middleware on every write: the events carry who recorded them and the request's correlation id
/// (the caller's <c>X-Correlation-Id</c> when it sent a sensible one, otherwise the trace identifier), and the request's
/// W3C trace context, so that the webhook deliveries they cause continue the same trace.
/// </summary>
public static partial class RecordingContext
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>The event header holding the W3C <c>traceparent</c> of the request that recorded the event.</summary>
    public const string TraceHeader = "traceparent";

    public static void Before(HttpContext http, IDocumentSession session)
    {
        var correlationId = CorrelationId(http);
        session.CorrelationId = correlationId;
        session.SetHeader(HistoryEndpoints.RecordedByHeader, RecordedBy(http));
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity) session.SetHeader(TraceHeader, activity.Id!);
        http.Response.Headers[CorrelationHeader] = correlationId;
    }

    public static string CorrelationId(HttpContext http) =>
        http.Request.Headers[CorrelationHeader].ToString() is var given && SafeId().IsMatch(given) ? given : http.TraceIdentifier;

    public static string RecordedBy(HttpContext http) =>
        http.User.FindFirst(Access.Claims.Recorder)?.Value ?? http.User.Identity?.Name ?? "unauthenticated";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex SafeId();
}
