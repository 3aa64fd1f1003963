using Engagement.Infrastructure;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Webhooks;

/// <summary>
/// One line of the delivery log: an attempt made (succeeded or failed), or the next one waiting (pending).
/// <c>WebhookId</c> is the <c>webhook-id</c> header of the delivery.
/// </summary>
public sealed record DeliveryAttemptView(string WebhookId, string EventType, long Sequence, int Attempt, AttemptStatus Status,
    int? ResponseCode, string? ResponseBody, string? Error, long? DurationMs, DateTimeOffset? AttemptedAt, DateTimeOffset? NextAttemptAt);

public sealed record RetryScheduled(string WebhookId, int Attempt);

public static class DeliveriesEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Newest first: the attempts waiting, then those made.</summary>
    [WolverineGet("/api/webhooks/{id}/deliveries", Name = "ListWebhookDeliveries"), Tags("Webhooks")]
    [ProducesResponseType<IReadOnlyList<DeliveryAttemptView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(Guid id, string? status, string? limit, IQuerySession session, CancellationToken ct)
    {
        var errors = new Errors();
        AttemptStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<AttemptStatus>().Where(s => s.Kebab() == status).Select(s => (AttemptStatus?)s).FirstOrDefault();
            errors.When(wanted is null, "status", "must be pending, succeeded or failed");
        }
        var take = ParseLimit(errors, limit);
        if (errors.ToProblem() is { } problem) return problem.ToResult();
        if (await session.LoadAsync<Webhook>(id, ct) is null) return Problem.NotFound("webhook", id).ToResult();

        var rows = new List<DeliveryAttemptView>();
        if (wanted is null or AttemptStatus.Pending)
        {
            var pending = await session.Query<Delivery>()
                .Where(d => d.EndpointId == id && d.Status == DeliveryStatus.Pending)
                .OrderByDescending(d => d.Sequence).Take(take).ToListAsync(ct);
            rows.AddRange(pending.Select(d => new DeliveryAttemptView(d.Id, d.EventType, d.Sequence, d.Attempts + 1, AttemptStatus.Pending,
                null, null, null, null, null, d.NextAttemptAt)));
        }
        if (wanted is not AttemptStatus.Pending)
        {
            var query = session.Query<DeliveryAttempt>().Where(a => a.EndpointId == id);
            if (wanted is { } s) query = query.Where(a => a.Status == s);
            var made = await query.OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Attempt).Take(take).ToListAsync(ct);
            rows.AddRange(made.Select(a => new DeliveryAttemptView(a.DeliveryId, a.EventType, a.Sequence, a.Attempt, a.Status,
                a.ResponseCode, a.ResponseBody, a.Error, a.DurationMs, a.AttemptedAt, a.NextAttemptAt)));
        }
        return Results.Ok(rows.Take(take).ToList());
    }

    /// <summary>Try a delivery again now, whatever became of it; a failure starts the retry schedule over.</summary>
    [WolverinePost("/api/webhooks/{id}/deliveries/{webhookId}/retry", Name = "RetryWebhookDelivery"), Tags("Webhooks")]
    [ProducesResponseType<RetryScheduled>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Retry(Guid id, string webhookId, IDocumentSession session, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var webhook = await session.LoadAsync<Webhook>(id, ct);
        if (webhook is null) return Problem.NotFound("webhook", id).ToResult();
        var delivery = await session.LoadAsync<Delivery>(webhookId, ct);
        if (delivery is null || delivery.EndpointId != id)
            return new Problem(StatusCodes.Status404NotFound, "Not found", $"No delivery '{webhookId}' for webhook {id}.").ToResult();
        if (webhook.Status != WebhookStatus.Enabled) return Problem.Conflict("The webhook is disabled: enable it first.").ToResult();
        session.Store(delivery.Restarted(clock.GetUtcNow()));
        return await Streams.Commit(session, http, StatusCodes.Status202Accepted, new RetryScheduled(delivery.Id, delivery.Attempts + 1),
            null, ct);
    }

    public static int ParseLimit(Errors errors, string? limit)
    {
        if (limit is null) return DefaultLimit;
        if (int.TryParse(limit, System.Globalization.NumberStyles.None, null, out var n) && n is >= 1 and <= MaxLimit) return n;
        errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        return DefaultLimit;
    }
}

/// <summary>Deletes delivery attempts older than <c>Webhooks:DeliveryLogRetentionDays</c> (default 30).</summary>
public sealed class DeliveryLogRetention(IConfiguration configuration) : IPrunable
{
    public string What => "webhook delivery attempts";

    public async Task<int> PruneAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - TimeSpan.FromDays(configuration.GetValue("Webhooks:DeliveryLogRetentionDays", 30.0));
        var count = await session.Query<DeliveryAttempt>().CountAsync(a => a.AttemptedAt < cutoff, ct);
        session.DeleteWhere<DeliveryAttempt>(a => a.AttemptedAt < cutoff);
        return count;
    }
}
