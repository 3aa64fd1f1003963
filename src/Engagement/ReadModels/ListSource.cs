using Engagement.Infrastructure;
using Marten;

namespace Engagement.ReadModels;

/// <summary>
/// Where a list's rows come from: the stored read model for a live answer, the items as they stood for an as-of one.
/// Either way the list is filtered, sorted, counted and paged by the same SQL, so both answer alike.
/// </summary>
public static class ListSource
{
    /// <summary>The stored read model for a live answer, the items as they stood (<see cref="Past"/>) for an as-of one.</summary>
    public static SqlList For<T>(IQuerySession session, Past? past) where T : notnull =>
        past is null ? SqlList.Table<T>(session) : SqlList.From(l => past.Source<T>(session, l) + " d");

    /// <summary>A day as a SQL literal; only ever a parsed date, so nothing a client wrote reaches the statement text.</summary>
    public static string Literal(DateOnly day) => $"'{day:yyyy-MM-dd}'::date";

    public static T Document<T>(IQuerySession session, System.Data.Common.DbDataReader reader, int column = 0) =>
        session.DocumentStore.Options.Serializer().FromJson<T>(reader, column);
}
