using Engagement.Organizations;
using Marten;

namespace Engagement.Infrastructure;

/// <summary>An id with the name it had when read, so clients need no second call.</summary>
public sealed record Ref(Guid Id, string Name);

public static class Names
{
    public static async Task<IReadOnlyDictionary<Guid, string>> OrganizationsAsync(IQuerySession session, IEnumerable<Guid> ids,
        CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0) return new Dictionary<Guid, string>();
        var found = await session.LoadManyAsync<Organization>(ct, distinct);
        return found.ToDictionary(o => o.Id, o => o.Name);
    }

    public static Ref RefTo(this IReadOnlyDictionary<Guid, string> names, Guid id) =>
        new(id, names.TryGetValue(id, out var name) ? name : "(unknown)");
}
