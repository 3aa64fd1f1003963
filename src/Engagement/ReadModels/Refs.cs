using Engagement.Infrastructure;
using Engagement.Meetings;
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
    public static Task<IReadOnlyDictionary<Guid, Meeting>> MeetingsAsync(IQuerySession session, IEnumerable<Guid> ids,
        CancellationToken ct) => Names.LoadByIdAsync<Meeting>(session, ids, m => m.Id, ct);
}
