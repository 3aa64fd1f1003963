using System.Security.Cryptography;
using System.Text;

namespace Engagement.Access;

public enum Role { Viewer, Staff, Admin, Integration }

public sealed record ApiKeyIssued(Guid KeyId, string Name, Role Role, string Hash, string Prefix);

public sealed record ApiKeyRevoked(Guid KeyId, string? Reason);

/// <summary>An API key as stored: its SHA-256 hash and first characters, never the key itself.</summary>
public sealed record ApiKey(Guid Id, string Name, Role Role, string Hash, string Prefix, DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt, int Version)
{
    public static ApiKey Create(JasperFx.Events.IEvent<ApiKeyIssued> e) =>
        new(e.Data.KeyId, e.Data.Name, e.Data.Role, e.Data.Hash, e.Data.Prefix, e.Timestamp, null, 1);

    public ApiKey Apply(JasperFx.Events.IEvent<ApiKeyRevoked> e) => this with { RevokedAt = e.Timestamp };

    public bool IsActive => RevokedAt is null;
}

/// <summary>When a key was last used; kept apart from the key's stream because it is bookkeeping, not a fact.</summary>
public sealed record ApiKeyUsage(Guid Id, DateTimeOffset LastUsedAt);

public static class ApiKeys
{
    public const string Prefix = "eng_";

    /// <summary>A new key: "eng_" and 32 random bytes in base64url (256 bits, so a plain SHA-256 is a safe store).</summary>
    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Shown(string key) => key.Length > 10 ? key[..10] : key;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
