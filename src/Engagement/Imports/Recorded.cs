using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Marten;

namespace Engagement.Imports;

public static class Recorded
{
    /// <summary>What an import of <paramref name="kind"/> matches against: one query per kind of record, not one per row.</summary>
    public static async Task<Known> LoadAsync(IQuerySession session, ImportKind kind, CancellationToken ct)
    {
        var known = new Known();
        var organizations = await session.Query<Organization>().OrderBy(o => o.Id).ToListAsync(ct);
        // A merged organisation's rows are matched and filed under its survivor, as the API files new records (see Merges).
        var merges = Merges.Of(organizations);
        foreach (var record in await session.Query<ImportedRecord>().ToListAsync(ct)) known.External[record.Id] = merges.SurvivorOf(record.StreamId);
        foreach (var o in organizations) known.Organizations.TryAdd(NameKey.Organization(o.Name), merges.SurvivorOf(o.Id));
        if (kind is ImportKind.People or ImportKind.Meetings)
        {
            var people = await session.Query<Person>().OrderBy(p => p.Id).Select(p => new { p.Id, p.Name, p.OrganizationId }).ToListAsync(ct);
            foreach (var p in people) known.People.TryAdd(Known.PersonKey(merges.SurvivorOf(p.OrganizationId), p.Name), p.Id);
        }
        if (kind is ImportKind.Meetings)
        {
            var meetings = await session.Query<Meeting>().OrderBy(m => m.Id).Select(m => new { m.Id, m.Title, m.HeldOn, m.OrganizationIds })
                .ToListAsync(ct);
            foreach (var m in meetings.Where(m => m.OrganizationIds.Count > 0))
                known.Meetings.TryAdd(Known.MeetingKey(m.HeldOn, merges.SurvivorOf(m.OrganizationIds[0]), m.Title), m.Id);
        }
        return known;
    }
}
