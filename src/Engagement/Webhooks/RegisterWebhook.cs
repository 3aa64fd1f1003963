using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.Webhooks;

/// <summary>
/// <c>EventTypes</c> omitted means every type in the catalogue, including types added later. <c>Confidential</c>
/// clears the endpoint for restricted meetings' content, which others receive redacted.
/// </summary>
public sealed record RegisterWebhook([Required] string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Confidential = null);

/// <summary>The only answer that ever shows the secret.</summary>
public sealed record WebhookCreated(Guid Id, string Secret);

public static class RegisterWebhookEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(RegisterWebhook command, WebhookSettings settings, CancellationToken ct) =>
        (await new Errors()
            .EventTypes("eventTypes", command.EventTypes)
            .Optional("description", command.Description, Limits.Title)
            .WebhookUrlAsync("url", command.Url, settings, ct))
        .ToProblemDetails();

    [WolverinePost("/api/webhooks", Name = "RegisterWebhook"), Tags("Webhooks")]
    [ProducesResponseType<WebhookCreated>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(RegisterWebhook command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var secret = WebhookSecrets.NewSecret();
        var eventTypes = command.EventTypes is null ? null : command.EventTypes.Distinct().ToArray();
        session.Events.StartStream<Webhook>(id,
            new WebhookRegistered(id, command.Url!.Trim(), eventTypes, command.Description?.Trim(), clock.GetUtcNow(),
                command.Confidential == true));
        session.Store(new WebhookSecrets(id, [new SigningSecret(secret, null)]));
        Streams.SetETag(http, 1);
        return await Streams.Commit(session, http, StatusCodes.Status201Created, new WebhookCreated(id, secret), $"/api/webhooks/{id}", ct);
    }
}

public static class WebhookValidation
{
    public static Errors EventTypes(this Errors errors, string field, IReadOnlyList<string>? types)
    {
        if (types is null) return errors;
        if (types.Count == 0) return errors.Add(field, "must list at least one event type; omit it to receive every type");
        for (var i = 0; i < types.Count; i++)
            if (types[i] is null || !EventCatalogue.IsKnown(types[i]))
                errors.Add($"{field}[{i}]", "is not an event type; GET /api/webhooks/event-types lists them");
        if (types.Distinct().Count() != types.Count) errors.Add(field, "must not list the same type twice");
        return errors;
    }

    /// <summary>An absolute http(s) URL without credentials whose host resolves to public addresses only.</summary>
    public static async Task<Errors> WebhookUrlAsync(this Errors errors, string field, string? url, WebhookSettings settings,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url)) return errors.Add(field, "is required");
        var trimmed = url.Trim();
        if (trimmed.Length > Limits.Url) return errors.Add(field, $"must be at most {Limits.Url} characters");
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return errors.Add(field, "must be an absolute http or https URL");
        if (uri.UserInfo.Length > 0) return errors.Add(field, "must not contain a user name or password");
        if (await AddressGuard.RefusalAsync(uri, settings.AllowPrivateNetworks, ct) is { } refusal) errors.Add(field, refusal);
        return errors;
    }
}
