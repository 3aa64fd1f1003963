using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using JasperFx;
using Weasel.Core.Migrations;
using Wolverine;

namespace Engagement.Infrastructure;

/// <summary>
/// Brings the database's schema to what this build declares, at start-up, before anything else reads it. Comparing
/// every table, index and function with the database costs about a thousand catalogue queries (most of a second on
/// every start), so the schema carries a fingerprint of the DDL that created it (a comment on the schema): when it
/// matches this build's, the schema is this build's and nothing is compared. Otherwise (a new database, a new build
/// with a new document, column or index) Marten compares and applies the changes, under an advisory lock so that nodes
/// starting together do it once, and the fingerprint is written after. Either way Marten then counts every declared
/// feature as checked, so no request pays for a comparison either. Wolverine's tables (its inbox, outbox and nodes)
/// live in the same schema and are compared by Wolverine as it starts (about two hundred more queries): the
/// fingerprint covers its version too, so when it matches Wolverine is told to check only that its tables exist, and
/// when it does not, Wolverine compares them as before and the fingerprint is written once the whole service has
/// started. A schema changed by hand behind a build's back is not noticed: clear the comment
/// (<c>comment on schema engagement is null</c>) and the next start compares.
/// </summary>
public sealed class StoreSchema(IDocumentStore store, WolverineOptions wolverine, IHostApplicationLifetime lifetime,
    ILogger<StoreSchema> log) : IHostedService
{
    /// <summary>The advisory lock nodes starting together take, so that one of them compares and the others find its fingerprint.</summary>
    private const long LockKey = 7_314_205_118;

    public async Task StartAsync(CancellationToken ct)
    {
        var expected = Fingerprint(store);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        if (await CurrentAsync(connection, ct) == expected)
        {
            Trust();
            return;
        }

        // Released when the connection closes, whatever happens.
        await using (var wait = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", connection)) await wait.ExecuteNonQueryAsync(ct);
        if (await CurrentAsync(connection, ct) == expected)
        {
            Trust();
            return;
        }
        log.LogInformation("Bringing the database schema {Schema} up to this build's ({Fingerprint})", Setup.Schema, expected);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        // Only once Wolverine, starting after this, has brought its own tables up to date too.
        lifetime.ApplicationStarted.Register(() => WriteAsync(expected).GetAwaiter().GetResult());
    }

    private async Task WriteAsync(string fingerprint)
    {
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            await using var write = new NpgsqlCommand($"comment on schema {Setup.Schema} is '{fingerprint}'", connection);
            await write.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            log.LogWarning(e, "Could not write the schema's fingerprint; the next start compares the schema again");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// A digest of the DDL that creates this build's schema from nothing, and of the version of Wolverine, whose tables
    /// change only with it: it changes with any object declared.
    /// </summary>
    public static string Fingerprint(IDocumentStore store) =>
        "engagement-schema:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            store.Storage.ToDatabaseScript() + "\n-- wolverine " + typeof(WolverineOptions).Assembly.GetName().Version)));

    private static async Task<string?> CurrentAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand("select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = $1", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = Setup.Schema });
        return await read.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>
    /// What a comparison would find: nothing to do. So Marten counts every declared feature as checked; a document type
    /// no option declares is still checked and created on its first use.
    /// </summary>
    private void Trust()
    {
        if (store.Storage.Database is DatabaseBase<NpgsqlConnection> database) database.MarkAllFeaturesAsChecked();
        // Wolverine then logs that it skips its migration; it still checks that its tables are there.
        wolverine.AutoBuildMessageStorageOnStartup = AutoCreate.None;
        log.LogInformation("The database schema {Schema} carries this build's fingerprint: it is not compared", Setup.Schema);
    }
}
