using Npgsql;

namespace Engagement.Load;

/// <summary>
/// What an event store must at least do per command, in plain Npgsql: one transaction that moves the stream's version
/// (inserting the stream, or bumping it) and appends one row per event. The service is measured against this.
/// </summary>
public sealed class Baseline(NpgsqlDataSource data)
{
    private const string Payload = """{"title":"Meeting on trade and technology","heldOn":"2024-05-01","organizationIds":["0193a1f0-0000-7000-8000-000000000001","0193a1f0-0000-7000-8000-000000000002"],"topics":["trade"],"summary":"Discussed market access, data rules and research cooperation."}""";

    public async Task CreateAsync()
    {
        await using var command = data.CreateCommand("""
            drop table if exists bench_events; drop table if exists bench_streams;
            create table bench_streams (id uuid primary key, version int not null, created timestamptz not null default now());
            create table bench_events (seq bigserial primary key, stream_id uuid not null references bench_streams(id),
              version int not null, type text not null, data jsonb not null, timestamp timestamptz not null default now(),
              unique (stream_id, version));
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Appends one event to a stream in its own transaction, as one command of the service does.</summary>
    public async Task AppendAsync(Guid stream, string type)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""
            with s as (insert into bench_streams (id, version) values ($1, 1)
                       on conflict (id) do update set version = bench_streams.version + 1 returning version)
            insert into bench_events (stream_id, version, type, data) select $1, s.version, $2, $3::jsonb from s
            """, connection, transaction);
        command.Parameters.Add(new() { Value = stream });
        command.Parameters.Add(new() { Value = type });
        command.Parameters.Add(new() { Value = Payload });
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>A read answered from tables alone, timed by the caller.</summary>
    public async Task<long> ReadAsync(string sql)
    {
        await using var command = data.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        long bytes = 0;
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++)
                bytes += reader.IsDBNull(i) ? 0 : reader.GetValue(i).ToString()!.Length;
        return bytes;
    }
}
