using System.Xml.Linq;
using Engagement.Infrastructure;
using Engagement.Tests.Support;
using Engagement.Webhooks;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Tests.Webhooks;

public class secrets_at_rest(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<IReadOnlyList<string>> Raw(string table)
    {
        await using var session = Fixture.Store.QuerySession();
        return await session.QueryAsync<string>($"select data::text from engagement.{table}");
    }

    /// <summary>What registering an endpoint stores (the endpoint itself would need a resolvable host).</summary>
    private async Task<(Guid Id, string Secret)> Register()
    {
        var (id, secret) = (Guid.NewGuid(), WebhookSecrets.NewSecret());
        await using var session = Fixture.Store.LightweightSession();
        session.Store(new WebhookSecrets(id, [new SigningSecret(secret, null)]));
        await session.SaveChangesAsync();
        return (id, secret);
    }

    [Fact]
    public async Task a_webhook_secret_is_stored_sealed_and_read_back_in_the_clear()
    {
        var (id, secret) = await Register();

        Assert.DoesNotContain(await Raw("mt_doc_webhooksecrets"), d => d.Contains(secret[WebhookSecrets.Prefix.Length..]));
        await using var session = Fixture.Store.QuerySession();
        Assert.Equal([secret], (await session.LoadAsync<WebhookSecrets>(id))!.SigningAt(Clock.GetUtcNow()));
    }

    [Fact]
    public async Task the_key_ring_in_the_database_is_sealed_with_the_key_encryption_key()
    {
        // Each test's reset empties the database but not the ring cached in memory, so make a key here.
        var now = DateTimeOffset.UtcNow;
        Host.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().CreateNewKey(now, now.AddDays(90));

        var ring = await Raw("mt_doc_dataprotectionkey");
        Assert.NotEmpty(ring);
        Assert.All(ring, key =>
        {
            Assert.Contains("sealedKey", key);
            Assert.DoesNotContain("<value>", key);
        });
    }

    [Fact]
    public async Task a_secret_stored_in_the_clear_before_keeps_working_and_is_sealed_at_start()
    {
        var (id, _) = await Register();
        const string legacy = "whsec_bGVnYWN5LXNlY3JldC1zdG9yZWQtaW4tdGhlLWNsZWFyLTAwMA==";
        await using (var session = Fixture.Store.LightweightSession())
        {
            session.QueueSqlCommand("update engagement.mt_doc_webhooksecrets set data = jsonb_build_object('id', id, 'secrets', " +
                "jsonb_build_array(jsonb_build_object('secret', ?, 'validUntil', null)))", legacy);
            await session.SaveChangesAsync();
        }
        Assert.Contains(await Raw("mt_doc_webhooksecrets"), d => d.Contains(legacy));

        await new SealPlainSecrets(Fixture.Store, NullLogger<SealPlainSecrets>.Instance).StartAsync(CancellationToken.None);

        Assert.DoesNotContain(await Raw("mt_doc_webhooksecrets"), d => d.Contains(legacy[WebhookSecrets.Prefix.Length..]));
        await using var query = Fixture.Store.QuerySession();
        Assert.Equal([legacy], (await query.LoadAsync<WebhookSecrets>(id))!.SigningAt(Clock.GetUtcNow()));
    }

    [Fact]
    public async Task delivery_attempts_older_than_the_retention_are_pruned()
    {
        var (id, _) = await Register();
        var now = Clock.GetUtcNow();
        DeliveryAttempt Attempt(int daysAgo) => new(Guid.NewGuid(), id, $"msg_{daysAgo}", "organization.registered", daysAgo, 1,
            AttemptStatus.Succeeded, 200, null, null, 5, now.AddDays(-daysAgo), null);
        await using (var session = Fixture.Store.LightweightSession())
        {
            session.Store(Attempt(31), Attempt(29), Attempt(1));
            await session.SaveChangesAsync();
        }

        await Host.Services.GetRequiredService<Retention>().PruneAsync(CancellationToken.None);

        await using var query = Fixture.Store.QuerySession();
        Assert.Equal(["msg_1", "msg_29"], (await query.Query<DeliveryAttempt>().ToListAsync()).Select(a => a.DeliveryId).Order());
    }

    [Fact]
    public async Task finished_deliveries_older_than_the_retention_are_pruned_and_pending_ones_kept()
    {
        var (id, _) = await Register();
        var now = Clock.GetUtcNow();
        Delivery Made(long sequence, DeliveryStatus status) =>
            Delivery.New(id, sequence, "organization.registered", "{}", now, null) with { Status = status, Attempts = 1 };
        await using (var session = Fixture.Store.LightweightSession())
        {
            session.Store(Made(1, DeliveryStatus.Succeeded), Made(2, DeliveryStatus.Failed), Made(3, DeliveryStatus.Pending),
                Made(4, DeliveryStatus.Succeeded));
            await session.SaveChangesAsync();
        }
        // Documents are stamped with the database's time when written: date the first three 31 days before the test's today.
        await using (var connection = new Npgsql.NpgsqlConnection(AppFixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "update engagement.mt_doc_delivery set mt_last_modified = $1 where id = any($2)", connection)
            {
                Parameters =
                {
                    new() { Value = now.AddDays(-31) },
                    new() { Value = new[] { Delivery.IdFor(id, 1), Delivery.IdFor(id, 2), Delivery.IdFor(id, 3) } }
                }
            };
            await command.ExecuteNonQueryAsync();
        }

        await Host.Services.GetRequiredService<Retention>().PruneAsync(CancellationToken.None);

        await using var query = Fixture.Store.QuerySession();
        Assert.Equal([3L, 4L], (await query.Query<Delivery>().Where(d => d.EndpointId == id).ToListAsync()).Select(d => d.Sequence).Order());
    }

    private IDataProtectionProvider ProviderAsAfterARestart()
    {
        var kek = KeyEncryptionKey.Parse(AppFixture.KeyEncryptionKey);
        var services = new ServiceCollection().AddLogging().AddSingleton(kek);
        services.AddDataProtection().SetApplicationName("Engagement");
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseKeyRing(Fixture.Store);
            o.XmlEncryptor = new SealedKeyEncryptor(kek);
        });
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    [Fact]
    public void what_one_process_protected_another_reads_from_the_sealed_ring_in_the_database()
    {
        var protectedText = ProviderAsAfterARestart().CreateProtector("test").Protect("a webhook secret");

        Assert.Equal("a webhook secret", ProviderAsAfterARestart().CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public void a_sealed_key_opens_only_with_the_key_encryption_key_that_sealed_it()
    {
        var key = new XElement("masterKey", new XElement("value", "c2VjcmV0"));
        var kek = KeyEncryptionKey.Parse(AppFixture.KeyEncryptionKey);
        var sealedKey = new SealedKeyEncryptor(kek).Encrypt(key).EncryptedElement;
        Assert.DoesNotContain("c2VjcmV0", sealedKey.ToString());

        var right = new ServiceCollection().AddSingleton(kek).BuildServiceProvider();
        Assert.Equal(key.ToString(), new SealedKeyDecryptor(right).Decrypt(sealedKey).ToString());
        var wrong = new ServiceCollection().AddSingleton(KeyEncryptionKey.Parse(Convert.ToBase64String(new byte[32]))).BuildServiceProvider();
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new SealedKeyDecryptor(wrong).Decrypt(sealedKey));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void a_key_encryption_key_that_is_not_32_bytes_of_base64_is_refused(string text) =>
        Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Parse(text));
}
