namespace Engagement.Webhooks;

public enum DeliveryStatus { Pending, Succeeded, Failed }

public enum AttemptStatus { Pending, Succeeded, Failed }

/// <summary>
/// One event for one endpoint. Its id is the <c>webhook-id</c> header: derived from the endpoint and the event's sequence,
/// so every retry and replay of that event to that endpoint carries the same id, and creating it twice is harmless.
/// The body is built once, so every attempt sends the same bytes. <see cref="TraceParent"/> is the trace context of the
/// request that recorded the event: every attempt is a span of that trace.
/// </summary>
public sealed record Delivery(string Id, Guid EndpointId, long Sequence, string EventType, string Body, DeliveryStatus Status,
    int Attempts, int SeriesStart, DateTimeOffset? NextAttemptAt, string? TraceParent = null)
{
    public static string IdFor(Guid endpointId, long sequence) => $"msg_{endpointId:N}_{sequence}";

    public static Delivery New(Guid endpointId, long sequence, string eventType, string body, DateTimeOffset now, string? traceParent) =>
        new(IdFor(endpointId, sequence), endpointId, sequence, eventType, body, DeliveryStatus.Pending, 0, 1, now, traceParent);

    /// <summary>The trace context an event's request left in its headers, if any.</summary>
    public static string? TraceParentOf(JasperFx.Events.IEvent e) =>
        e.Headers?.TryGetValue(Infrastructure.RecordingContext.TraceHeader, out var value) == true ? value?.ToString() : null;

    /// <summary>Due again now, whatever became of it, with the retry schedule started over (a manual retry, a replay).</summary>
    public Delivery Restarted(DateTimeOffset now) =>
        this with { Status = DeliveryStatus.Pending, SeriesStart = Attempts + 1, NextAttemptAt = now };
}

/// <summary>One HTTP attempt of a delivery, kept for the delivery log.</summary>
public sealed record DeliveryAttempt(Guid Id, Guid EndpointId, string DeliveryId, string EventType, long Sequence, int Attempt,
    AttemptStatus Status, int? ResponseCode, string? ResponseBody, string? Error, long DurationMs, DateTimeOffset AttemptedAt,
    DateTimeOffset? NextAttemptAt);
