using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Marten;

namespace Engagement.ReadModels;

/// <summary>A meeting as other answers link to it.</summary>
public sealed record MeetingRef(Guid Id, string Title, DateOnly HeldOn)
{
    public string Href => $"/api/meetings/{Id}";

    public static MeetingRef Of(Meeting meeting) => new(meeting.Id, meeting.Title, meeting.HeldOn);

    public static MeetingRef Of(IReadOnlyDictionary<Guid, Meeting> meetings, Guid id) =>
        meetings.TryGetValue(id, out var m) ? Of(m) : new MeetingRef(id, "(unknown)", DateOnly.MinValue);
}

public static class Refs
{
    public static Ref RefTo(this IReadOnlyDictionary<Guid, Organization> organizations, Guid id) =>
        new(id, organizations.TryGetValue(id, out var o) ? o.Name : "(unknown)");

    public static async Task<IReadOnlyDictionary<Guid, Organization>> OrganizationsAsync(IQuerySession session, IEnumerable<Guid> ids,
        CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        return distinct.Length == 0
            ? new Dictionary<Guid, Organization>()
            : (await session.LoadManyAsync<Organization>(ct, distinct)).ToDictionary(o => o.Id);
    }

    public static async Task<IReadOnlyDictionary<Guid, Meeting>> MeetingsAsync(IQuerySession session, IEnumerable<Guid> ids,
        CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        return distinct.Length == 0
            ? new Dictionary<Guid, Meeting>()
            : (await session.LoadManyAsync<Meeting>(ct, distinct)).ToDictionary(m => m.Id);
    }
}
