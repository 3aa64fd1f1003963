using Engagement.Infrastructure;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Webhooks;

public sealed record SecretRotated(string Secret, DateTimeOffset PreviousValidUntil);

/// <summary>Disabling, enabling, rotating the secret, deleting.</summary>
public static class ManageWebhookEndpoint
{
    public static Decision Disable(Webhook webhook, DateTimeOffset now) => webhook.Status == WebhookStatus.Disabled
        ? Decision.Conflict("The webhook is already disabled.")
        : Decision.Accept(new WebhookDisabled(webhook.Id, webhook.Url, DisabledCause.Manual, "Disabled by hand.", now));

    public static Decision Enable(Webhook webhook, DateTimeOffset now) => webhook.Status == WebhookStatus.Enabled
        ? Decision.Conflict("The webhook is already enabled.")
        : Decision.Accept(new WebhookEnabled(webhook.Id, now));

    [WolverinePost("/api/webhooks/{id}/disable", Name = "DisableWebhook"), Tags("Webhooks")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> PostDisable(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Webhook>(session, http, id, "webhook", w => Disable(w, clock.GetUtcNow()), ct);

    [WolverinePost("/api/webhooks/{id}/enable", Name = "EnableWebhook"), Tags("Webhooks")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static Task<IResult> PostEnable(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Streams.Append<Webhook>(session, http, id, "webhook", w => Enable(w, clock.GetUtcNow()), ct);

    /// <summary>A new secret; the previous ones keep signing beside it for the configured overlap.</summary>
    [WolverinePost("/api/webhooks/{id}/secret-rotation", Name = "RotateWebhookSecret"), Tags("Webhooks")]
    [ProducesResponseType<SecretRotated>(StatusCodes.Status200OK)]
    public static async Task<IResult> PostRotation(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock,
        WebhookSettings settings, CancellationToken ct)
    {
        if (id == Guid.Empty) return Problem.NotFound("webhook", id).ToResult(); // Marten refuses the empty GUID outright
        var stream = await session.Events.FetchForWriting<Webhook>(id, ct);
        var secrets = await session.LoadAsync<WebhookSecrets>(id, ct);
        if (stream.Aggregate is null || secrets is null) return Problem.NotFound("webhook", id).ToResult();
        var now = clock.GetUtcNow();
        var until = now + settings.SecretRotationOverlap;
        var secret = WebhookSecrets.NewSecret();
        stream.AppendOne(new WebhookSecretRotated(id, now, until));
        session.Store(secrets.Rotate(secret, now, until));
        return await Streams.Commit(session, http, StatusCodes.Status200OK, new SecretRotated(secret, until), null, ct);
    }

    /// <summary>Removes the endpoint, its secrets and its delivery log; its stream stays in the history.</summary>
    [WolverineDelete("/api/webhooks/{id}", Name = "DeleteWebhook"), Tags("Webhooks")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Delete(Guid id, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (id == Guid.Empty) return Problem.NotFound("webhook", id).ToResult(); // Marten refuses the empty GUID outright
        var stream = await session.Events.FetchForWriting<Webhook>(id, ct);
        if (stream.Aggregate is null) return Problem.NotFound("webhook", id).ToResult();
        stream.AppendOne(new WebhookDeleted(id, clock.GetUtcNow()));
        session.Delete<WebhookSecrets>(id);
        session.DeleteWhere<Delivery>(d => d.EndpointId == id);
        session.DeleteWhere<DeliveryAttempt>(a => a.EndpointId == id);
        await session.SaveChangesAsync(ct);
        return Results.NoContent();
    }
}
