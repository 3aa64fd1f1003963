using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure;

/// <summary>
/// ASP.NET Core Data Protection, which encrypts webhook secrets and kept idempotent answers at rest (and the sign-in
/// cookie). Where its key ring lives decides what a stolen database dump reveals:
/// <list type="bullet">
/// <item><c>DataProtection:KeyEncryptionKey</c> set (base64 of 32 random bytes): the ring is in the database, shared by
/// every node and restored with the data, each key sealed with AES-256-GCM under that key, which never enters the
/// database. A dump alone reveals nothing; the dump and the setting together do.</item>
/// <item>otherwise <c>DataProtection:KeysDirectory</c>, or ASP.NET Core's default directory on this machine: outside the
/// database, so a dump alone reveals nothing, but every node must share the directory and it must be kept.</item>
/// </list>
/// </summary>
public static class KeyRing
{
    public const string Section = "DataProtection";

    public static void AddKeyRing(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        // A fixed name, so every node (whatever its install path) reads what the others protected.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Engagement");
        if (section["KeyEncryptionKey"] is { Length: > 0 } text)
        {
            var key = KeyEncryptionKey.Parse(text);
            builder.Services.AddSingleton(key);
            builder.Services.ConfigureMarten(o => o.Schema.For<DataProtectionKey>());
            builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            {
                o.XmlRepository = new DatabaseKeyRing(sp.GetRequiredService<IDocumentStore>());
                o.XmlEncryptor = new SealedKeyEncryptor(key);
            }));
        }
        else if (section["KeysDirectory"] is { Length: > 0 } directory)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(directory));
    }
}

/// <summary>One key of the Data Protection ring, as Data Protection writes it (sealed when stored in the database).</summary>
public sealed record DataProtectionKey(string Id, string Xml);

public sealed class KeyEncryptionKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public static KeyEncryptionKey Parse(string text)
    {
        byte[]? bytes = null;
        try { bytes = Convert.FromBase64String(text.Trim()); }
        catch (FormatException) { }
        if (bytes is not { Length: 32 })
            throw new InvalidOperationException(
                $"{KeyRing.Section}:KeyEncryptionKey must be the base64 of 32 random bytes, for example from 'openssl rand -base64 32'.");
        return new KeyEncryptionKey(bytes);
    }
}

/// <summary>Data Protection's repository interface is synchronous; it reads the ring at start and about once a day.</summary>
public sealed class DatabaseKeyRing(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(async () =>
    {
        await using var session = store.QuerySession();
        return (IReadOnlyCollection<XElement>)[.. (await session.Query<DataProtectionKey>().ToListAsync()).Select(k => XElement.Parse(k.Xml))];
    }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Task.Run(async () =>
    {
        await using var session = store.LightweightSession();
        session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        await session.SaveChangesAsync();
    }).GetAwaiter().GetResult();
}

/// <summary>Seals each key of the ring with AES-256-GCM under the key-encryption key.</summary>
public sealed class SealedKeyEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    private const int NonceBytes = 12, TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return new EncryptedXmlInfo(new XElement("sealedKey", Convert.ToBase64String(sealedBytes)), typeof(SealedKeyDecryptor));
    }
}

/// <summary>Made by Data Protection from the type named in the stored key, with the application's services.</summary>
public sealed class SealedKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private const int NonceBytes = 12, TagBytes = 16;

    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyEncryptionKey>() ?? throw new InvalidOperationException(
            $"The Data Protection key ring is sealed, but {KeyRing.Section}:KeyEncryptionKey is not set.");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key.Bytes, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
