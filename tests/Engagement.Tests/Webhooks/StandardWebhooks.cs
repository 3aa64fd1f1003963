using System.Security.Cryptography;
using System.Text;

namespace Engagement.Tests.Webhooks;

/// <summary>
/// A receiver's check of a delivery, written from the Standard Webhooks specification
/// (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md), independently of the service's signing
/// code: the signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>, HMAC-SHA256 keyed with the base64-decoded
/// secret after "whsec_", sent as space-separated "v1,{base64}" entries, and the timestamp must be recent.
/// </summary>
public static class StandardWebhooks
{
    public static bool Verify(string secret, string? id, string? timestamp, string? signatures, string body, DateTimeOffset now,
        TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures)) return false;
        if (!long.TryParse(timestamp, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? TimeSpan.FromMinutes(5))) return false;

        var keyText = secret.StartsWith("whsec_") ? secret.Substring("whsec_".Length) : secret;
        using var hmac = new HMACSHA256(Convert.FromBase64String(keyText));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body));
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0 || entry[..comma] != "v1") continue;
            byte[] given;
            try { given = Convert.FromBase64String(entry[(comma + 1)..]); }
            catch (FormatException) { continue; }
            if (CryptographicOperations.FixedTimeEquals(given, expected)) return true;
        }
        return false;
    }
}
