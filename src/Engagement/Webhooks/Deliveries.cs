using Engagement.Infrastructure;
using Engagement.ReadModels;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Marten.Linq.LastModified;
using Wolverine.Http;

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

    /// <summary>
    /// Newest first: the attempts waiting (latest event first), then those made (latest first). Paged like every list;
    /// <c>status</c> is pending, succeeded or failed.
    /// </summary>
    [WolverineGet("/api/webhooks/{id}/deliveries", Name = "ListWebhookDeliveries"), Tags("Webhooks")]
    [ProducesResponseType<ListAnswer<DeliveryAttemptView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(Guid id, string? status, string? limit, string? cursor, string? order, IQuerySession session,
        CancellationToken ct)
    {
        var errors = new Errors();
        AttemptStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<AttemptStatus>().Where(s => s.Kebab() == status).Select(s => (AttemptStatus?)s).FirstOrDefault();
            errors.When(wanted is null, "status", "must be pending, succeeded or failed");
        }
        var request = Paging.Parse(limit, cursor, null, order, Sorts, Paging.Fingerprint("deliveries", id, wanted?.ToString()), errors,
            KeyType.Text);
        if (errors.ToProblem() is { } problem) return problem.ToResult();
        if (await session.LoadAsync<Webhook>(id, ct) is null) return Problem.NotFound("webhook", id).ToResult();

        var deliveries = session.DocumentStore.Options.Schema.For<Delivery>();
        var attempts = session.DocumentStore.Options.Schema.For<DeliveryAttempt>();
        var list = SqlList.From(l =>
        {
            var endpoint = l.Param(id.ToString());
            var parts = new List<string>();
            if (wanted is null or AttemptStatus.Pending)
                parts.Add("select 'p' as kind, x.id, x.data, 'p' || lpad(x.data ->> 'sequence', 20, '0') as key " +
                          $"from {deliveries} x where x.data ->> 'endpointId' = {endpoint} and x.data ->> 'status' = 'Pending'");
            if (wanted is not AttemptStatus.Pending)
                parts.Add("select 'a' as kind, x.id::text as id, x.data, 'a' || (x.data ->> 'attemptedAt') || lpad(x.data ->> 'attempt', 6, '0') as key " +
                          $"from {attempts} x where x.data ->> 'endpointId' = {endpoint}" +
                          (wanted is { } w ? $" and x.data ->> 'status' = {l.Param(w.ToString())}" : ""));
            return $"({string.Join(" union all ", parts)}) d";
        }, KeyType.Text);
        var page = await list.PageAsync(session, "d.kind, d.data", request, r => r.GetString(0) == "p"
            ? Pending(ListSource.Document<Delivery>(session, r, 1))
            : Made(ListSource.Document<DeliveryAttempt>(session, r, 1)), ct);
        return Results.Ok(ListAnswer<DeliveryAttemptView>.Of(page, request));
    }

    private static readonly SortKey[] Sorts = [new("newest", "d.key collate \"C\"", KeyType.Text, Descending: true)];

    private static DeliveryAttemptView Pending(Delivery d) => new(d.Id, d.EventType, d.Sequence, d.Attempts + 1, AttemptStatus.Pending,
        null, null, null, null, null, d.NextAttemptAt);

    private static DeliveryAttemptView Made(DeliveryAttempt a) => new(a.DeliveryId, a.EventType, a.Sequence, a.Attempt, a.Status,
        a.ResponseCode, a.ResponseBody, a.Error, a.DurationMs, a.AttemptedAt, a.NextAttemptAt);

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

/// <summary>
/// Deletes delivery attempts older than <c>Webhooks:DeliveryLogRetentionDays</c> (default 30), and the deliveries that
/// finished (succeeded or failed) before then, so the queue's table holds what is pending and recent only. A replay of
/// an event whose delivery is gone makes it anew, with the same <c>webhook-id</c>.
/// </summary>
public sealed class DeliveryLogRetention(IConfiguration configuration) : IPrunable
{
    public string What => "webhook delivery attempts and finished deliveries";

    public async Task<int> PruneAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - TimeSpan.FromDays(configuration.GetValue("Webhooks:DeliveryLogRetentionDays", 30.0));
        var count = await session.Query<DeliveryAttempt>().CountAsync(a => a.AttemptedAt < cutoff, ct);
        session.DeleteWhere<DeliveryAttempt>(a => a.AttemptedAt < cutoff);
        var finished = await session.Query<Delivery>().CountAsync(d => d.Status != DeliveryStatus.Pending && d.ModifiedBefore(cutoff), ct);
        session.DeleteWhere<Delivery>(d => d.Status != DeliveryStatus.Pending && d.ModifiedBefore(cutoff));
        return count + finished;
    }
}
