using System.Data.Common;
using Marten;
using Npgsql;

namespace Engagement.Infrastructure;

/// <summary>
/// A list answered by PostgreSQL: rows of a source (a document table, or documents folded in memory and handed over as
/// a set, so both are filtered, sorted, counted and paged by the very same SQL), the filters on them, and the
/// tie-breaker that makes the order total. The source is aliased <c>d</c> with columns <c>id</c> and <c>data</c>.
/// A page reads <c>limit + 1</c> rows and the total is a <c>count(*)</c>: nothing more leaves the database.
/// </summary>
public sealed class SqlList
{
    private readonly List<object> _parameters = [];
    private readonly List<string> _where = [];
    private string _from = "";

    private const string Tie = "d.id";

    /// <summary>The documents of one type as stored.</summary>
    public static SqlList Table<T>(IQuerySession session) => new() { _from = $"{session.DocumentStore.Options.Schema.For<T>()} d" };

    /// <summary>
    /// A source of one's own making (a subquery aliased <c>d</c>), for lists that are not one document type; its
    /// <c>d.id</c> breaks ties and is of type <paramref name="tie"/>.
    /// </summary>
    public static SqlList From(Func<SqlList, string> from, KeyType tie = KeyType.Uuid)
    {
        var list = new SqlList { TieKind = tie };
        list._from = from(list);
        return list;
    }

    /// <summary>
    /// For statements over several sources: the stored documents of a type, or (given documents) those documents as a
    /// set with the same columns, <c>id</c> and <c>data</c>. Alias it in the statement.
    /// </summary>
    public string Source<T>(IQuerySession session, IEnumerable<T>? documents, Func<T, Guid> idOf) where T : notnull
    {
        if (documents is null) return $"{session.DocumentStore.Options.Schema.For<T>()}";
        return $"({Rows(session, documents.ToDictionary(idOf))})";
    }

    /// <summary>A select of the given documents by id, serialised the way Marten stores them, as columns <c>id</c> and <c>data</c>.</summary>
    public string Rows<T>(IQuerySession session, IReadOnlyDictionary<Guid, T> documents) where T : notnull
    {
        var serializer = session.DocumentStore.Options.Serializer();
        var ids = Param(documents.Keys.ToArray());
        var data = Param(documents.Values.Select(d => serializer.ToJson(d)).ToArray());
        return $"select x.id, x.data from unnest({ids}::uuid[], {data}::jsonb[]) as x(id, data)";
    }

    /// <summary>Runs a statement of one's own over this list's parameters: for aggregates (GROUP BY) and figures.</summary>
    public async Task<List<T>> QueryAsync<T>(IQuerySession session, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = Command(connection, sql, _parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Adds a parameter and answers its placeholder.</summary>
    public string Param(object value)
    {
        _parameters.Add(value);
        return "$" + _parameters.Count;
    }

    public SqlList Where(string condition)
    {
        _where.Add(condition);
        return this;
    }

    public SqlList Where(Func<SqlList, string> condition) => Where(condition(this));

    /// <summary>One page in the order asked for, with the total of matching rows.</summary>
    public async Task<Page<T>> PageAsync<T>(IQuerySession session, string select, PageRequest page, Func<DbDataReader, T> read,
        CancellationToken ct) => (await PageWithCursorAsync(session, select, page, read, ct)).Page;

    /// <summary>As <see cref="PageAsync{T}"/>, with the next page's start for callers that read on (an export).</summary>
    public async Task<(Page<T> Page, Cursor? Next)> PageWithCursorAsync<T>(IQuerySession session, string select, PageRequest page,
        Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);

        var total = -1;
        if (page.Counted)
        {
            await using var count = Command(connection, $"select count(*) from {_from}{WhereClause(null)}", _parameters);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(ct));
        }

        var parameters = new List<object>(_parameters);
        string? keyset = null;
        if (page.After is { } after)
        {
            parameters.Add(after.Value);
            parameters.Add(after.Tie);
            keyset = $"({page.Sort.Sql}, {Tie}) {(page.Descending ? "<" : ">")} " +
                     $"(${parameters.Count - 1}::{Paging.SqlType(page.Sort.Type)}, ${parameters.Count}::{TieType})";
        }
        var sql = $"select {select}, ({page.Sort.Sql})::text, ({Tie})::text from {_from}{WhereClause(keyset)} " +
                  $"{OrderBy(page)} limit {page.Limit + 1}";
        var items = new List<T>();
        (string Value, string Tie) last = ("", "");
        var more = false;
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (items.Count == page.Limit)
            {
                more = true;
                break;
            }
            items.Add(read(reader));
            last = (reader.GetString(reader.FieldCount - 2), reader.GetString(reader.FieldCount - 1));
        }
        return more
            ? (new Page<T>(items, total, page.CursorAfter(last.Value, last.Tie)), new Cursor(last.Value, last.Tie))
            : (new Page<T>(items, total, null), null);
    }

    private KeyType TieKind { get; init; } = KeyType.Uuid;

    private string TieType => Paging.SqlType(TieKind);

    private string OrderBy(PageRequest page)
    {
        var direction = page.Descending ? "desc" : "asc";
        return $"order by {page.Sort.Sql} {direction}, {Tie} {direction}";
    }

    private string WhereClause(string? extra)
    {
        var all = extra is null ? _where : [.. _where, extra];
        return all.Count == 0 ? "" : " where " + string.Join(" and ", all.Select(w => $"({w})"));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IEnumerable<object> parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }
}
