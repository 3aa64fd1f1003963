using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Wolverine.Runtime;

namespace Engagement.Infrastructure;

/// <summary>
/// Frees what a killed predecessor of this very service held, before Wolverine starts. A node that was killed keeps
/// its projection agents and its messages until its peers call it dead (5 s without a heartbeat); a leader that comes
/// up sooner begins to move those agents and waits a minute for a confirmation the dead node never sends. The service
/// notes its node id in a file named after its address and database; when it starts on the same address and finds that
/// node still registered, no other process can be it (the address is this process's now), so its registration goes,
/// with its assignments, and its messages are handed back for recovery. Where no file survives (a new container),
/// the peers' timeout frees the node as before.
/// </summary>
public sealed class Predecessor(IConfiguration configuration, ILogger<Predecessor> log) : IHostedService
{
    /// <summary>Runs first: registered before Wolverine's own start-up.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (FileOf(configuration) is not { } file || !File.Exists(file)) return;
        if (!Guid.TryParse((await File.ReadAllTextAsync(file, ct)).Trim(), out var previous)) return;
        try
        {
            await using var source = NpgsqlDataSource.Create(configuration.GetConnectionString("Engagement")!);
            await using var command = source.CreateCommand($"""
                with gone as (delete from {Setup.Schema}.wolverine_nodes where id = $1 returning node_number),
                  incoming as (update {Setup.Schema}.wolverine_incoming_envelopes set owner_id = 0 where owner_id in (select node_number from gone)),
                  outgoing as (update {Setup.Schema}.wolverine_outgoing_envelopes set owner_id = 0 where owner_id in (select node_number from gone))
                select count(*) from gone
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = previous });
            if (Convert.ToInt32(await command.ExecuteScalarAsync(ct)) > 0)
                log.LogInformation("Released node {Node}, this service's predecessor on the same address, which did not stop cleanly", previous);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A new database: Wolverine creates its tables after this.
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Notes this node's id once Wolverine has started, for the next start to find.</summary>
    public sealed class Note(IConfiguration configuration, IWolverineRuntime runtime) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            if (FileOf(configuration) is not { } file) return;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, runtime.Options.UniqueNodeId.ToString(), ct);
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>
    /// The file for this address and database, under <c>Engagement:StateDirectory</c> (default: the temporary
    /// directory); none without a listening address (an in-process test host has none).
    /// </summary>
    private static string? FileOf(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        var database = configuration.GetConnectionString("Engagement");
        if (string.IsNullOrWhiteSpace(urls) || string.IsNullOrWhiteSpace(database)) return null;
        var builder = new NpgsqlConnectionStringBuilder(database);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{urls}|{builder.Host}|{builder.Port}|{builder.Database}")))[..16];
        var directory = configuration["Engagement:StateDirectory"] ?? Path.Combine(Path.GetTempPath(), "engagement");
        return Path.Combine(directory, $"node-{key}.id");
    }
}
