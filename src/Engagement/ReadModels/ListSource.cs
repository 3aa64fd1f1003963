using Engagement.Infrastructure;
using Marten;

namespace Engagement.ReadModels;

/// <summary>
/// Where a list's rows come from: the stored read model for a live answer, the documents folded from the history for
/// an as-of one. Either way the list is filtered, sorted, counted and paged by the same SQL, so both answer alike.
/// </summary>
public static class ListSource
{
    public static SqlList For<T>(IQuerySession session, History? history, Func<History, IEnumerable<T>> documents, Func<T, Guid> idOf)
        where T : notnull =>
        history is null ? SqlList.Table<T>(session) : SqlList.Of(session, documents(history), idOf);

    /// <summary>The stored read model for a live answer, the items as they stood (<see cref="Past"/>) for an as-of one.</summary>
    public static SqlList For<T>(IQuerySession session, Past? past) where T : notnull =>
        past is null ? SqlList.Table<T>(session) : SqlList.From(l => past.Source<T>(session, l) + " d");

    /// <summary>The history folded for the point asked about, or null for a live answer.</summary>
    public static async Task<History?> HistoryFor(IQuerySession session, PointInTime point, CancellationToken ct) =>
        point.IsLive ? null : await History.LoadAsync(session, point, ct);

    /// <summary>A day as a SQL literal; only ever a parsed date, so nothing a client wrote reaches the statement text.</summary>
    public static string Literal(DateOnly day) => $"'{day:yyyy-MM-dd}'::date";

    public static T Document<T>(IQuerySession session, System.Data.Common.DbDataReader reader, int column = 0) =>
        session.DocumentStore.Options.Serializer().FromJson<T>(reader, column);
}
