using System.Security.Cryptography;

namespace Engagement.Webhooks;

/// <summary>A signing secret and, once rotated away, until when it keeps signing beside its successor.</summary>
public sealed record SigningSecret(string Secret, DateTimeOffset? ValidUntil);

/// <summary>
/// The signing secrets of one endpoint, newest first. Kept as a document, not in events, so that deleting the endpoint
/// deletes them.
/// </summary>
public sealed record WebhookSecrets(Guid Id, IReadOnlyList<SigningSecret> Secrets)
{
    public const string Prefix = "whsec_";

    /// <summary>"whsec_" and the base64 of 32 random bytes, as the Standard Webhooks spec suggests.</summary>
    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public IReadOnlyList<string> SigningAt(DateTimeOffset now) =>
        [.. Secrets.Where(s => s.ValidUntil is null || s.ValidUntil > now).Select(s => s.Secret)];

    /// <summary>A new secret in front; the ones still signing keep doing so until <paramref name="previousValidUntil"/>.</summary>
    public WebhookSecrets Rotate(string secret, DateTimeOffset now, DateTimeOffset previousValidUntil) => this with
    {
        Secrets =
        [
            new SigningSecret(secret, null),
            .. Secrets.Where(s => s.ValidUntil is null || s.ValidUntil > now)
                .Select(s => s with { ValidUntil = s.ValidUntil is { } until && until < previousValidUntil ? until : previousValidUntil })
        ]
    };
}
