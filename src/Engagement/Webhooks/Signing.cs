using System.Security.Cryptography;
using System.Text;

namespace Engagement.Webhooks;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with the
/// base64-decoded part of the secret after <c>whsec_</c>. Several secrets give several space-separated signatures.
/// </summary>
public static class Signing
{
    public static string Sign(string webhookId, long timestamp, string body, string secret)
    {
        var key = Convert.FromBase64String(secret.StartsWith(WebhookSecrets.Prefix, StringComparison.Ordinal)
            ? secret[WebhookSecrets.Prefix.Length..]
            : secret);
        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    public static string Header(string webhookId, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(s => Sign(webhookId, timestamp, body, s)));
}
