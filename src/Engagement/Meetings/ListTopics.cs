using Marten;
using Wolverine.Http;

namespace Engagement.Meetings;

public sealed record TopicUse(string Topic, int Meetings);

public sealed record TopicList(IReadOnlyList<TopicUse> Items);

public static class ListTopicsEndpoint
{
    private const int Most = 50;

    /// <summary>
    /// The topics meetings are filed under, most used first (then by name), at most 50; <c>q</c> keeps those containing
    /// it. The meeting form suggests them, so one topic keeps one spelling.
    /// </summary>
    [WolverineGet("/api/topics", Name = "ListTopics"), Tags("Meetings")]
    public static async Task<TopicList> List(string? q, IQuerySession session, CancellationToken ct)
    {
        var topics = await session.Query<Meeting>().Select(m => m.Topics).ToListAsync(ct);
        var wanted = q?.Trim() ?? "";
        return new TopicList([
            .. topics.SelectMany(t => t.Distinct(StringComparer.OrdinalIgnoreCase))
                .Where(t => wanted.Length == 0 || t.Contains(wanted, StringComparison.OrdinalIgnoreCase))
                .GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
                .Select(g => new TopicUse(g.First(), g.Count()))
                .OrderByDescending(t => t.Meetings).ThenBy(t => t.Topic, StringComparer.OrdinalIgnoreCase)
                .Take(Most)
        ]);
    }
}
