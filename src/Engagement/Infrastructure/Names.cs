using Engagement.Organizations;
using Marten;

namespace Engagement.Infrastructure;

/// <summary>An id with the name it had when read, so clients need no second call.</summary>
public sealed record Ref(Guid Id, string Name);

public static class Names
{
    /// <summary>The documents with these ids, in one query, by id; ids with no document are simply absent.</summary>
    public static async Task<IReadOnlyDictionary<Guid, T>> LoadByIdAsync<T>(IQuerySession session, IEnumerable<Guid> ids,
        Func<T, Guid> idOf, CancellationToken ct) where T : notnull
    {
        var distinct = ids.Distinct().ToArray();
        return distinct.Length == 0
            ? new Dictionary<Guid, T>()
            : (await session.LoadManyAsync<T>(ct, distinct)).ToDictionary(idOf);
    }

    public static Task<IReadOnlyDictionary<Guid, Organization>> OrganizationsAsync(IQuerySession session, IEnumerable<Guid> ids,
        CancellationToken ct) => LoadByIdAsync<Organization>(session, ids, o => o.Id, ct);

    public static Ref RefTo(this IReadOnlyDictionary<Guid, Organization> organizations, Guid id) =>
        new(id, organizations.TryGetValue(id, out var o) ? o.Name : "(unknown)");
}
