using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;
using JasperFx.Events.Projections;
using Marten;

namespace Engagement.ReadModels;

/// <summary>
/// The items (asks, commitments, meetings, search entries, organisations, people) as they stood at a point in time,
/// read from <see cref="PastState"/> by a range query, so that an as-of answer costs what the live one does. The few
/// streams with events the projection has not reached yet are folded here from their events (<see cref="History"/>)
/// and take the place of their rows, so the answer is exact whatever the projection's lag.
/// </summary>
public sealed class Past
{
    private readonly History _unprojected;
    private readonly Guid[] _unprojectedIds;

    private Past(PointInTime point, History unprojected, Guid[] unprojectedIds)
    {
        Point = point;
        _unprojected = unprojected;
        _unprojectedIds = unprojectedIds;
    }

    public PointInTime Point { get; }

    /// <summary>The past at the point asked about, or null for a live answer.</summary>
    public static async Task<Past?> ForAsync(IQuerySession session, PointInTime point, CancellationToken ct)
    {
        if (point.IsLive) return null;
        var processed = await session.DocumentStore.Advanced.ProjectionProgressFor(new ShardName(PastStatesProjection.ProjectionName), token: ct);
        var recent = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > processed)
            .Select(e => e.StreamId).Distinct().ToListAsync(ct);
        var ids = recent.ToArray();
        var unprojected = ids.Length == 0 ? new History { Point = point } : await History.LoadStreamsAsync(session, point, ids, ct);
        return new Past(point, unprojected, ids);
    }

    /// <summary>
    /// The items of one kind at the point, as a source for <paramref name="list"/>'s statement with the columns
    /// <c>id</c> and <c>data</c> (the document as Marten stores it); alias it in the statement.
    /// </summary>
    public string Source<T>(IQuerySession session, SqlList list) where T : notnull
    {
        var table = session.DocumentStore.Options.Schema.For<PastState>();
        var day = list.Param(Point.AsOf);
        var known = Point.KnownAt is { } at
            ? $"v.recorded_from <= {list.Param(at)} and (v.recorded_until is null or v.recorded_until > {list.Param(at)})"
            : "v.recorded_until is null";
        var rows = $"select v.entity_id as id, v.data -> 'state' as data from {table} v where v.kind = {list.Param(typeof(T).Name)} " +
                   $"and (v.valid_from is null or v.valid_from <= {day}) and (v.valid_until is null or v.valid_until > {day}) and {known}";
        if (_unprojectedIds.Length == 0) return $"({rows})";
        return $"({rows} and not v.entity_id = any({list.Param(_unprojectedIds)}) union all {list.Rows(session, Folded<T>())})";
    }

    /// <summary>The items of one kind with the given ids, as they stood.</summary>
    public async Task<IReadOnlyDictionary<Guid, T>> LoadAsync<T>(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct)
        where T : notnull
    {
        var list = new SqlList();
        var wanted = list.Param(ids.Distinct().ToArray());
        var rows = await list.QueryAsync(session, $"select d.id, d.data from {Source<T>(session, list)} d where d.id = any({wanted})",
            r => (Id: r.GetGuid(0), Item: ListSource.Document<T>(session, r, 1)), ct);
        return rows.ToDictionary(r => r.Id, r => r.Item);
    }

    /// <summary>Every item of one kind, as they stood: for the few (organisations), never for a register.</summary>
    public async Task<IReadOnlyList<T>> AllAsync<T>(IQuerySession session, CancellationToken ct) where T : notnull
    {
        var list = new SqlList();
        return await list.QueryAsync(session, $"select d.data from {Source<T>(session, list)} d", r => ListSource.Document<T>(session, r), ct);
    }

    private IReadOnlyDictionary<Guid, T> Folded<T>() where T : notnull => (typeof(T).Name switch
    {
        nameof(Organization) => _unprojected.Organizations as object,
        nameof(Person) => _unprojected.People,
        nameof(Meeting) => _unprojected.Meetings,
        nameof(MeetingSearchEntry) => _unprojected.MeetingSearch,
        nameof(Suggestion) => _unprojected.Suggestions,
        nameof(Commitment) => _unprojected.Commitments,
        _ => throw new ArgumentException($"{typeof(T).Name} is not kept in time; see PastStatesProjection.KindsByFirstEvent.")
    }) as IReadOnlyDictionary<Guid, T> ?? throw new InvalidOperationException($"No folded {typeof(T).Name}.");
}
