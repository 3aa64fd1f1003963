using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Engagement.Webhooks;

public static class Configuration
{
    /// <summary>
    /// Outgoing webhooks: endpoints as event streams, deliveries made durable by a Marten subscription with stored
    /// progress, and attempts made by <see cref="WebhookDispatcher"/> from those delivery documents.
    /// </summary>
    public static void ConfigureWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => WebhookSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDispatcher>();

        services.ConfigureMarten(options =>
        {
            options.Projections.Snapshot<Webhook>(SnapshotLifecycle.Inline);
            options.Schema.For<Delivery>().Index(x => x.EndpointId).Index(x => x.Sequence).Index(x => x.Status);
            options.Schema.For<DeliveryAttempt>().Index(x => x.EndpointId).Index(x => x.AttemptedAt);
            options.Schema.For<WebhookSecrets>();
        });
        services.SubscribeToEventsWithServices<WebhookFanOut>(ServiceLifetime.Singleton);
        services.ConfigureMarten((sp, options) => options.SealSigningSecrets(sp));
        services.AddHostedService<SealPlainSecrets>();
        services.AddSingleton<Infrastructure.IPrunable, DeliveryLogRetention>();
    }
}
