using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Marten;

namespace Engagement.Webhooks;

public static class Configuration
{
    public const string Queue = "webhooks";

    /// <summary>
    /// Outgoing webhooks: endpoints as event streams, deliveries made durable by a Marten subscription with stored
    /// progress, and attempts made from a durable local queue that runs one message at a time per endpoint.
    /// </summary>
    public static void ConfigureWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => WebhookSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<WebhookSender>();

        services.ConfigureMarten(options =>
        {
            options.Projections.Snapshot<Webhook>(SnapshotLifecycle.Inline);
            options.Schema.For<Delivery>().Index(x => x.EndpointId).Index(x => x.Sequence);
            options.Schema.For<DeliveryAttempt>().Index(x => x.EndpointId).Index(x => x.AttemptedAt);
            options.Schema.For<WebhookSecrets>();
        });
        services.SubscribeToEventsWithServices<WebhookFanOut>(ServiceLifetime.Singleton);
        services.ConfigureMarten((sp, options) => options.SealSigningSecrets(sp));
        services.AddHostedService<SealPlainSecrets>();
        services.AddSingleton<Infrastructure.IPrunable, DeliveryLogRetention>();

        services.ConfigureWolverine(opts =>
        {
            opts.MessagePartitioning.ByMessage<SendWebhook>(m => m.EndpointId.ToString());
            opts.PublishMessage<SendWebhook>().ToLocalQueue(Queue);
            opts.LocalQueue(Queue).UseDurableInbox().PartitionProcessingByGroupId(PartitionSlots.Five);
        });
    }
}
