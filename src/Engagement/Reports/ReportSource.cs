using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Suggestions;
using Marten;

namespace Engagement.Reports;

/// <summary>
/// Where a report reads its rows: the stored read models for a live answer, the items as they stood (<see cref="Past"/>)
/// for an as-of one, filtered by the same SQL either way (as the registers are), so nothing but the rows asked for is read.
/// </summary>
public sealed class ReportSource(IQuerySession session, Past? past)
{
    public static async Task<ReportSource> ForAsync(IQuerySession session, PointInTime point, CancellationToken ct) =>
        new(session, await Past.ForAsync(session, point, ct));

    public Past? Past => past;

    public IQuerySession Session => session;

    /// <summary>The rows of a read model, in a statement of one's own: <c>sql.Source</c> of that model, to alias.</summary>
    public string Of<T>(SqlList sql) where T : notnull => typeof(T).Name switch
    {
        nameof(Organization) or nameof(Person) or nameof(Meeting) or nameof(Suggestion) or nameof(Commitment) =>
            past is null ? $"{session.DocumentStore.Options.Schema.For<T>()}" : past.Source<T>(session, sql),
        _ => throw new ArgumentException($"No report source for {typeof(T).Name}.")
    };

    /// <summary>Runs a statement of one's own over sources from <see cref="Of{T}"/>: for counts.</summary>
    public Task<List<T>> QueryAsync<T>(SqlList sql, string statement, Func<System.Data.Common.DbDataReader, T> read, CancellationToken ct) =>
        sql.QueryAsync(session, statement, read, ct);

    /// <summary>The documents of <typeparamref name="T"/> (aliased <c>d</c>) that meet the condition, in the order given.</summary>
    public async Task<List<T>> WhereAsync<T>(Func<SqlList, string> condition, string orderBy, CancellationToken ct) where T : notnull
    {
        var sql = new SqlList();
        var from = Of<T>(sql);
        var where = condition(sql);
        return await sql.QueryAsync(session, $"select d.data from {from} d where {where} order by {orderBy}",
            r => ListSource.Document<T>(session, r), ct);
    }

    /// <summary>The documents with these ids, by id; ids with none are absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, T>> ByIdAsync<T>(IEnumerable<Guid> ids, Func<T, Guid> idOf, CancellationToken ct)
        where T : notnull
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0) return new Dictionary<Guid, T>();
        return (await WhereAsync<T>(sql => $"d.id = any({sql.Param(distinct)})", "d.id", ct)).ToDictionary(idOf);
    }
}
