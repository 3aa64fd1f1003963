using Engagement.Infrastructure;
using Engagement.ReadModels;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Wolverine.Http;

namespace Engagement.Webhooks;

/// <summary>An endpoint as clients see it: never its secret.</summary>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string>? EventTypes, string? Description, WebhookStatus Status,
    DisabledCause? DisabledCause, string? DisabledReason, DateTimeOffset? DisabledAt, DateTimeOffset RegisteredAt,
    DateTimeOffset? SecretRotatedAt, int Version, bool Confidential)
{
    public static WebhookView Of(Webhook w) => new(w.Id, w.Url, w.EventTypes, w.Description, w.Status, w.DisabledCause,
        w.DisabledReason, w.DisabledAt, w.RegisteredAt, w.SecretRotatedAt, w.Version, w.Confidential);
}

public static class GetWebhooksEndpoint
{
    /// <summary>Oldest registered first by default (<c>sort</c> registeredAt or url), ties by id.</summary>
    [WolverineGet("/api/webhooks", Name = "ListWebhooks"), Tags("Webhooks")]
    [ProducesResponseType<ListAnswer<WebhookView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? limit, string? cursor, string? sort, string? order, IQuerySession session,
        CancellationToken ct)
    {
        var errors = new Errors();
        var request = Paging.Parse(limit, cursor, sort, order, Sorts, Paging.Fingerprint("webhooks"), errors);
        if (errors.Any) return QueryProblem.From(errors);
        var page = await SqlList.Table<Webhook>(session).PageAsync(session, "d.data", request,
            r => WebhookView.Of(ListSource.Document<Webhook>(session, r)), ct);
        return Results.Ok(ListAnswer<WebhookView>.Of(page, request));
    }

    private static readonly SortKey[] Sorts =
    [
        new("registeredAt", "d.data ->> 'registeredAt' collate \"C\"", KeyType.Text),
        new("url", "lower(d.data ->> 'url')", KeyType.Text)
    ];

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
