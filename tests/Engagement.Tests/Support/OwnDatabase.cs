using Npgsql;

namespace Engagement.Tests.Support;

/// <summary>
/// A database of a fixture's own beside the shared one (same server, name with a suffix), for hosts whose data must not
/// be reset by the "api" collection: created empty at the start, dropped at the end.
/// </summary>
public sealed class OwnDatabase(string suffix)
{
    public string ConnectionString { get; } =
        new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString) { Database = $"{Shared.Database}_{suffix}" }.ConnectionString;

    private static NpgsqlConnectionStringBuilder Shared => new(AppFixture.ConnectionString);

    private string Name => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public Task RecreateAsync() => RunAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", $"CREATE DATABASE \"{Name}\"");

    public Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return RunAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task RunAsync(params string[] statements)
    {
        await using var admin = new NpgsqlConnection(AppFixture.ConnectionString);
        await admin.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}
