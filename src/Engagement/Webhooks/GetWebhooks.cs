using Engagement.Infrastructure;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Webhooks;

/// <summary>An endpoint as clients see it: never its secret.</summary>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string>? EventTypes, string? Description, WebhookStatus Status,
    DisabledCause? DisabledCause, string? DisabledReason, DateTimeOffset? DisabledAt, DateTimeOffset RegisteredAt,
    DateTimeOffset? SecretRotatedAt, int Version)
{
    public static WebhookView Of(Webhook w) => new(w.Id, w.Url, w.EventTypes, w.Description, w.Status, w.DisabledCause,
        w.DisabledReason, w.DisabledAt, w.RegisteredAt, w.SecretRotatedAt, w.Version);
}

public static class GetWebhooksEndpoint
{
    [WolverineGet("/api/webhooks", Name = "ListWebhooks"), Tags("Webhooks")]
    public static async Task<IReadOnlyList<WebhookView>> List(IQuerySession session, CancellationToken ct)
    {
        var webhooks = await session.Query<Webhook>().OrderBy(w => w.RegisteredAt).Take(1000).ToListAsync(ct);
        return [.. webhooks.Select(WebhookView.Of)];
    }

    [WolverineGet("/api/webhooks/{id}", Name = "GetWebhook"), Tags("Webhooks")]
    [ProducesResponseType<WebhookView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var webhook = await session.LoadAsync<Webhook>(id, ct);
        if (webhook is null) return Problem.NotFound("webhook", id).ToResult();
        Streams.SetETag(http, webhook.Version);
        return Results.Ok(WebhookView.Of(webhook));
    }

    [WolverineGet("/api/webhooks/event-types", Name = "ListWebhookEventTypes"), Tags("Webhooks")]
    public static IReadOnlyList<EventTypeView> EventTypes() => EventCatalogue.WithExamples();
}
