using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Engagement.Confidentiality;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Engagement.Webhooks;

/// <summary>
/// Turns the event log into deliveries. Marten's async daemon feeds it pages of events in sequence order and commits its
/// progress in the same transaction as the deliveries it stores, due at once, for <see cref="WebhookDispatcher"/> to send;
/// so a crash anywhere between an event's commit and its sending loses nothing: the page is read again and deliveries
/// that already exist are left alone.
/// </summary>
public sealed class WebhookFanOut : BatchSubscription
{
    public const string Name = "webhooks";
    private readonly TimeProvider _clock;

    public WebhookFanOut(TimeProvider clock) : base(Name)
    {
        _clock = clock;
        foreach (var type in EventCatalogue.Types) IncludeType(type.EventClass);
        Options.BatchSize = 500;
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        var endpoints = await operations.Query<Webhook>().Where(w => w.Status == WebhookStatus.Enabled).ToListAsync(cancellationToken);
        if (endpoints.Count == 0) return;

        var envelopes = await EventCatalogue.EnvelopesAsync(operations, page.Events, cancellationToken);
        var planned = (
            from x in envelopes
            from endpoint in endpoints
            where x.Event.Sequence > endpoint.RegisteredAtSequence && endpoint.Wants(x.Envelope.Type)
            select (Endpoint: endpoint, x.Event.Sequence, x.Envelope, Trace: Delivery.TraceParentOf(x.Event))).ToList();
        if (planned.Count == 0) return;

        var existing = (await operations.LoadManyAsync<Delivery>(cancellationToken,
                planned.Select(p => Delivery.IdFor(p.Endpoint.Id, p.Sequence))))
            .Select(d => d.Id).ToHashSet();
        var uncleared = await Redaction.ForNobodyAsync(operations, cancellationToken);
        var bodies = new Dictionary<(long, bool), string>();
        var now = _clock.GetUtcNow();
        foreach (var (endpoint, sequence, envelope, trace) in planned)
        {
            if (existing.Contains(Delivery.IdFor(endpoint.Id, sequence))) continue;
            if (!bodies.TryGetValue((sequence, endpoint.Confidential), out var body))
                bodies[(sequence, endpoint.Confidential)] = body = EventCatalogue.Serialize(envelope, endpoint, uncleared);
            var delivery = Delivery.New(endpoint.Id, sequence, envelope.Type, body, now, trace);
            operations.Store(delivery);
        }
    }
}
