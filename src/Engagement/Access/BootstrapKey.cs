using Marten;

namespace Engagement.Access;

/// <summary>
/// Auth:BootstrapKey creates, or keeps, an admin key with that value at start: the first administrator's key and the
/// one automation uses. A bootstrap key that an administrator revoked stays revoked.
/// </summary>
public sealed class BootstrapKey(IConfiguration configuration, IDocumentStore store, ILogger<BootstrapKey> logger) : IHostedService
{
    public const string Setting = "Auth:BootstrapKey";
    public const string Name = "bootstrap";

    public async Task StartAsync(CancellationToken ct)
    {
        var key = configuration[Setting];
        if (string.IsNullOrWhiteSpace(key)) return;
        if (!key.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal) || key.Length < 36)
            throw new InvalidOperationException(
                $"{Setting} must start with '{ApiKeys.Prefix}' and be at least 36 characters; ops/run generates one if you leave it unset.");

        var hash = ApiKeys.Hash(key);
        await using var session = store.LightweightSession();
        var existing = await session.Query<ApiKey>().Where(k => k.Hash == hash).FirstOrDefaultAsync(ct);
        if (existing is { IsActive: false })
        {
            logger.LogWarning(
                "{Setting} is the key {Prefix}…, which was revoked at {RevokedAt:u}: it stays revoked and gives no access. " +
                "To bootstrap again, set {Setting} to a new value (ops/run makes one when .local/bootstrap-key is deleted), " +
                "or issue a key with POST /api/keys using another admin key", Setting, existing.Prefix, existing.RevokedAt, Setting);
            return;
        }
        if (existing is not null) return;
        var id = Guid.CreateVersion7();
        session.SetHeader(Infrastructure.HistoryEndpoints.RecordedByHeader, "system");
        session.Events.StartStream<ApiKey>(id, new ApiKeyIssued(id, Name, Role.Admin, hash, ApiKeys.Shown(key)));
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Issued the bootstrap admin key {Prefix}…", ApiKeys.Shown(key));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
