using Engagement.Confidentiality;
using Engagement.Infrastructure;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Webhooks;

/// <summary>Send again every matching event from a point on: from a sequence number (inclusive) or a time (inclusive).</summary>
[ExactlyOneOf(nameof(Since), nameof(FromSequence))]
public sealed record ReplayEvents(DateTimeOffset? Since, long? FromSequence, long? ToSequence);

public sealed record ReplayStarted(int Events, long? FromSequence, long? ToSequence);

public static class ReplayEndpoint
{
    public const int MaxEvents = 10_000;

    public static ProblemDetails Validate(ReplayEvents command) => new Errors()
        .When(command.Since is null == command.FromSequence is null, "fromSequence", "give exactly one of fromSequence and since")
        .When(command.FromSequence < 1, "fromSequence", "must be 1 or more")
        .When(command.ToSequence < 1, "toSequence", "must be 1 or more")
        .When(command.ToSequence < command.FromSequence, "toSequence", "must not be before fromSequence")
        .ToProblemDetails();

    /// <summary>
    /// Each event goes out with the webhook-id it had before (a receiver that already processed it can drop it),
    /// in sequence order, and a failure follows the retry schedule from the start.
    /// </summary>
    [WolverinePost("/api/webhooks/{id}/replay", Name = "ReplayWebhookEvents"), Tags("Webhooks")]
    [ProducesResponseType<ReplayStarted>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(Guid id, ReplayEvents command, IDocumentSession session, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var webhook = await session.LoadAsync<Webhook>(id, ct);
        if (webhook is null) return Problem.NotFound("webhook", id).ToResult();
        if (webhook.Status != WebhookStatus.Enabled) return Problem.Conflict("The webhook is disabled: enable it first.").ToResult();

        var ceiling = await EventFeedEndpoint.SafeCeilingAsync(store, ct);
        var to = Math.Min(command.ToSequence ?? ceiling, ceiling);
        var types = EventCatalogue.Types.Where(t => webhook.Wants(t.Type)).Select(t => t.EventClass).ToArray();
        var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence <= to && e.EventTypesAre(types));
        if (command.FromSequence is { } from) query = query.Where(e => e.Sequence >= from);
        if (command.Since is { } since) query = query.Where(e => e.Timestamp >= since);
        var events = await query.OrderBy(e => e.Sequence).Take(MaxEvents + 1).ToListAsync(ct);
        if (events.Count > MaxEvents)
            return Problem.Invalid("toSequence", $"the range holds more than {MaxEvents} events: replay it in parts").ToResult();

        var envelopes = await EventCatalogue.EnvelopesAsync(session, events, ct);
        var existing = (await session.LoadManyAsync<Delivery>(ct, envelopes.Select(x => Delivery.IdFor(id, x.Event.Sequence))))
            .ToDictionary(d => d.Id);
        var now = clock.GetUtcNow();
        var uncleared = await Redaction.ForNobodyAsync(session, ct);
        foreach (var (e, envelope) in envelopes)
        {
            session.Store(existing.TryGetValue(Delivery.IdFor(id, e.Sequence), out var delivery)
                ? delivery.Restarted(now)
                : Delivery.New(id, e.Sequence, envelope.Type, EventCatalogue.Serialize(envelope, webhook, uncleared), now, Delivery.TraceParentOf(e)));
        }
        await session.SaveChangesAsync(ct);
        return Results.Accepted(value: new ReplayStarted(envelopes.Count, envelopes.Count > 0 ? envelopes[0].Event.Sequence : null,
            envelopes.Count > 0 ? envelopes[^1].Event.Sequence : null));
    }
}
