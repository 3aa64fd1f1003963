using Engagement.Infrastructure;
using JasperFx.Core;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Engagement.Webhooks;

/// <summary>
/// Make attempt number <paramref name="Attempt"/> of a delivery. A message whose attempt is no longer the next one is stale
/// (another already made it) and does nothing. <paramref name="Restart"/> (a manual retry or a replay) sends even a
/// delivery that succeeded or gave up, and starts the retry schedule over.
/// </summary>
public sealed record SendWebhook(Guid EndpointId, string DeliveryId, int Attempt, bool Restart = false);

public static class SendWebhookHandler
{
    public const string RecordedBy = "webhook-delivery";

    /// <summary>Failures to reach the database, not the endpoint's: try again, then later.</summary>
    public static void Configure(HandlerChain chain) => chain
        .OnAnyException().RetryWithCooldown(1.Seconds(), 5.Seconds(), 30.Seconds())
        .Then.ScheduleRetry(5.Minutes(), 30.Minutes(), 2.Hours());

    public static async Task Handle(SendWebhook message, IDocumentSession session, IMessageBus bus, WebhookSender sender,
        WebhookSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var delivery = await session.LoadAsync<Delivery>(message.DeliveryId, ct);
        if (delivery is null || message.Attempt != delivery.Attempts + 1) return;
        if (!message.Restart && delivery.Status != DeliveryStatus.Pending) return;

        var now = clock.GetUtcNow();
        var webhook = await session.LoadAsync<Webhook>(message.EndpointId, ct);
        if (webhook is not { Status: WebhookStatus.Enabled })
        {
            var notSent = new AttemptOutcome(null, null, "not sent: the endpoint is disabled or deleted", TimeSpan.Zero, null);
            Record(session, delivery, message.Attempt, message.Restart, notSent, now, null);
            return;
        }

        var secrets = await session.LoadAsync<WebhookSecrets>(webhook.Id, ct);
        var outcome = await sender.SendAsync(webhook.Url, delivery.Id, now, delivery.Body, secrets?.SigningAt(now) ?? [], ct);
        var seriesStart = message.Restart ? message.Attempt : delivery.SeriesStart;
        var next = RetryPolicy.After(outcome, message.Attempt - seriesStart + 1, settings.RetrySchedule, settings.Jitter,
            Random.Shared.NextDouble());

        if (next is NextStep.RetryIn or NextStep.GiveUp)
        {
            var since = await FailingSinceAsync(session, webhook, now, ct);
            if (RetryPolicy.FailedTooLong(since, now, settings.DisableAfter))
                next = new NextStep.DisableEndpoint(
                    $"Every attempt since {since:u} failed (the limit is {settings.DisableAfter.TotalDays:0.##} days).");
        }

        var nextAttemptAt = next is NextStep.RetryIn retry ? now + retry.Delay : (DateTimeOffset?)null;
        Record(session, delivery, message.Attempt, message.Restart, outcome, now, nextAttemptAt);

        switch (next)
        {
            case NextStep.RetryIn { Delay: var delay }:
                var again = new SendWebhook(webhook.Id, delivery.Id, message.Attempt + 1);
                if (delay <= TimeSpan.Zero) await bus.PublishAsync(again);
                else await bus.ScheduleAsync(again, delay);
                break;
            case NextStep.DisableEndpoint { Reason: var reason }:
                await DisableAsync(session, webhook.Id, outcome.StatusCode == 410 ? DisabledCause.Gone : DisabledCause.Failing, reason,
                    now, ct);
                break;
        }
    }

    private static void Record(IDocumentSession session, Delivery delivery, int attempt, bool restart, AttemptOutcome outcome,
        DateTimeOffset now, DateTimeOffset? nextAttemptAt)
    {
        var status = outcome.Succeeded ? AttemptStatus.Succeeded : AttemptStatus.Failed;
        session.Store(new DeliveryAttempt(Guid.CreateVersion7(), delivery.EndpointId, delivery.Id, delivery.EventType, delivery.Sequence,
            attempt, status, outcome.StatusCode, outcome.ResponseBody, outcome.Error, (long)outcome.Duration.TotalMilliseconds, now,
            nextAttemptAt));
        session.Store(delivery with
        {
            Attempts = attempt,
            SeriesStart = restart ? attempt : delivery.SeriesStart,
            Status = outcome.Succeeded ? DeliveryStatus.Succeeded : nextAttemptAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending,
            NextAttemptAt = nextAttemptAt
        });
    }

    /// <summary>
    /// The first failed attempt after the last success (or after the endpoint was last enabled): every attempt since failed.
    /// </summary>
    private static async Task<DateTimeOffset> FailingSinceAsync(IQuerySession session, Webhook webhook, DateTimeOffset now,
        CancellationToken ct)
    {
        var lastSuccess = await session.Query<DeliveryAttempt>()
            .Where(a => a.EndpointId == webhook.Id && a.Status == AttemptStatus.Succeeded)
            .OrderByDescending(a => a.AttemptedAt).Take(1).ToListAsync(ct);
        var after = lastSuccess.Count > 0 && lastSuccess[0].AttemptedAt > webhook.EnabledSince
            ? lastSuccess[0].AttemptedAt
            : webhook.EnabledSince;
        var firstFailure = await session.Query<DeliveryAttempt>()
            .Where(a => a.EndpointId == webhook.Id && a.Status == AttemptStatus.Failed && a.AttemptedAt >= after)
            .OrderBy(a => a.AttemptedAt).Take(1).ToListAsync(ct);
        return firstFailure.Count > 0 ? firstFailure[0].AttemptedAt : now;
    }

    private static async Task DisableAsync(IDocumentSession session, Guid endpointId, DisabledCause cause, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Webhook>(endpointId, ct);
        if (stream.Aggregate is not { Status: WebhookStatus.Enabled } webhook) return;
        session.SetHeader(HistoryEndpoints.RecordedByHeader, RecordedBy);
        stream.AppendOne(new WebhookDisabled(endpointId, webhook.Url, cause, reason, now));
    }
}
