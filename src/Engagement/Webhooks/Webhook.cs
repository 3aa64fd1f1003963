using JasperFx.Events;

namespace Engagement.Webhooks;

public enum WebhookStatus { Enabled, Disabled }

/// <summary>Why an endpoint stopped receiving deliveries.</summary>
public enum DisabledCause { Manual, Gone, Failing }

/// <summary>A subscription to outgoing webhooks. <c>EventTypes</c> null means every type in the catalogue.</summary>
/// <summary><c>Confidential</c>: the endpoint receives restricted meetings' content whole; others get it redacted.</summary>
public sealed record WebhookRegistered(Guid WebhookId, string Url, IReadOnlyList<string>? EventTypes, string? Description,
    DateTimeOffset RegisteredAt, bool Confidential = false);

public sealed record WebhookDisabled(Guid WebhookId, string Url, DisabledCause Cause, string Reason, DateTimeOffset DisabledAt);

public sealed record WebhookEnabled(Guid WebhookId, DateTimeOffset EnabledAt);

/// <summary>The secrets themselves live in <see cref="WebhookSecrets"/>, never in the event log.</summary>
public sealed record WebhookSecretRotated(Guid WebhookId, DateTimeOffset RotatedAt, DateTimeOffset PreviousValidUntil);

public sealed record WebhookDeleted(Guid WebhookId, DateTimeOffset DeletedAt);

public sealed record Webhook(Guid Id, string Url, IReadOnlyList<string>? EventTypes, string? Description, WebhookStatus Status,
    DisabledCause? DisabledCause, string? DisabledReason, DateTimeOffset? DisabledAt, DateTimeOffset RegisteredAt,
    long RegisteredAtSequence, DateTimeOffset EnabledSince, DateTimeOffset? SecretRotatedAt, int Version, bool Confidential = false)
{
    public static Webhook Create(IEvent<WebhookRegistered> e) => new(e.Data.WebhookId, e.Data.Url, e.Data.EventTypes,
        e.Data.Description, WebhookStatus.Enabled, null, null, null, e.Data.RegisteredAt, e.Sequence, e.Data.RegisteredAt, null, 1,
        e.Data.Confidential);

    public Webhook Apply(WebhookDisabled e) =>
        this with { Status = WebhookStatus.Disabled, DisabledCause = e.Cause, DisabledReason = e.Reason, DisabledAt = e.DisabledAt };

    public Webhook Apply(WebhookEnabled e) =>
        this with
        {
            Status = WebhookStatus.Enabled, DisabledCause = null, DisabledReason = null, DisabledAt = null, EnabledSince = e.EnabledAt
        };

    public Webhook Apply(WebhookSecretRotated e) => this with { SecretRotatedAt = e.RotatedAt };

    public bool ShouldDelete(WebhookDeleted e) => true;

    public bool Wants(string eventType) => EventTypes is null || EventTypes.Contains(eventType);
}
