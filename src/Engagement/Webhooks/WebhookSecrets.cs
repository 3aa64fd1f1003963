using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.DataProtection;

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

/// <summary>
/// Signing secrets are sealed with ASP.NET Core Data Protection whenever Marten writes them, so the database holds no
/// secret in the clear; secrets written before that (plain <c>secret</c>) are still read, and sealed at start.
/// </summary>
public static class SealedSecrets
{
    private const string Purpose = "Engagement.Webhooks.SigningSecret.v1";

    public static void SealSigningSecrets(this StoreOptions options, IServiceProvider services)
    {
        var protector = new Lazy<IDataProtector>(() => services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose));
        ((SystemTextJsonSerializer)options.Serializer()).Configure(o => o.Converters.Add(new Converter(() => protector.Value)));
    }

    private sealed class Converter(Func<IDataProtector> protector) : JsonConverter<SigningSecret>
    {
        public override SigningSecret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A signing secret is an object.");
            string? plain = null, sealedSecret = null;
            DateTimeOffset? validUntil = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "sealed": sealedSecret = reader.GetString(); break;
                    case "secret": plain = reader.GetString(); break;
                    case "validUntil": validUntil = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset(); break;
                    default: reader.Skip(); break;
                }
            }
            var secret = sealedSecret is not null ? protector().Unprotect(sealedSecret) : plain;
            return new SigningSecret(secret ?? throw new JsonException("A signing secret has no value."), validUntil);
        }

        public override void Write(Utf8JsonWriter writer, SigningSecret value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("sealed", protector().Protect(value.Secret));
            if (value.ValidUntil is { } until) writer.WriteString("validUntil", until);
            else writer.WriteNull("validUntil");
            writer.WriteEndObject();
        }
    }
}

/// <summary>Seals, at start, the secrets stored in the clear before secrets were sealed.</summary>
public sealed class SealPlainSecrets(IDocumentStore store, ILogger<SealPlainSecrets> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var plain = await session.QueryAsync<WebhookSecrets>("where jsonb_path_exists(data, ?::jsonpath)", ct, "$.secrets[*].secret");
        if (plain.Count == 0) return;
        foreach (var secrets in plain) session.Store(secrets);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Sealed the signing secrets of {Count} webhook endpoints stored before secrets were encrypted", plain.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
