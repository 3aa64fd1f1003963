using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Stakeholders;
using Engagement.Suggestions;
using Engagement.Timelines;
using JasperFx.Core.Reflection;
using JasperFx.Events;
using Marten;

namespace Engagement.ReadModels;

/// <summary>
/// Every read model as it stood at a point in time, folded from the event history: the events recorded by
/// <c>knownAt</c> (Marten's timestamp), minus those whose business date is after <c>asOf</c>. The folds are the very
/// functions the live projections run — Marten's own aggregators for the entity snapshots, and the Fold/Route
/// functions of the engagement, timeline and meeting-search projections — so an as-of answer for today and the live
/// answer agree.
/// </summary>
public sealed class History
{
    public required PointInTime Point { get; init; }
    public Dictionary<Guid, Organization> Organizations { get; } = new();
    public Dictionary<Guid, Person> People { get; } = new();
    public Dictionary<Guid, Meeting> Meetings { get; } = new();
    public Dictionary<Guid, Suggestion> Suggestions { get; } = new();
    public Dictionary<Guid, Commitment> Commitments { get; } = new();
    public Dictionary<Guid, StakeholderEngagement> Engagement { get; } = new();
    public Dictionary<Guid, Timeline> Timelines { get; } = new();
    public Dictionary<Guid, MeetingSearchEntry> MeetingSearch { get; } = new();

    /// <summary>
    /// Every stream of the store folded to the point: the definition the range queries (<see cref="Past"/>, the timeline
    /// rows) are tested against. No request reads it; its cost grows with the store.
    /// </summary>
    public static async Task<History> LoadAsync(IQuerySession session, PointInTime point, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync(ct);
        return await FoldAsync(session, KnownBy(events, point.KnownAt), point, ct);
    }

    /// <summary>
    /// The events (in recorded order) known at <paramref name="knownAt"/> (all when null). An event is known from the
    /// latest recording time of its stream up to it: Marten's timestamp is its transaction's start, so an event
    /// appended by a transaction that began earlier and committed later has a higher version and an earlier time, and
    /// it cannot have been known before the events it follows. <see cref="Regions"/> and the timeline rows keep the
    /// same rule.
    /// </summary>
    public static IReadOnlyList<IEvent> KnownBy(IReadOnlyList<IEvent> recorded, DateTimeOffset? knownAt)
    {
        if (knownAt is not { } at) return recorded;
        var latest = new Dictionary<Guid, DateTimeOffset>();
        var known = new List<IEvent>(recorded.Count);
        foreach (var e in recorded)
        {
            var from = KnownFrom(latest.TryGetValue(e.StreamId, out var before) ? before : null, e);
            latest[e.StreamId] = from;
            if (from <= at) known.Add(e);
        }
        return known;
    }

    /// <summary>When an event became known, given when the one before it in its stream did (null for a stream's first).</summary>
    public static DateTimeOffset KnownFrom(DateTimeOffset? previous, IEvent e) => previous is { } p && p > e.Timestamp ? p : e.Timestamp;

    /// <summary>
    /// Only the given streams, folded to the point exactly as <see cref="LoadAsync"/> folds them (an entity's snapshot
    /// depends on its own stream alone): what an answer about one item needs, at the cost of that item's history, not
    /// of the whole store's. The cross-stream read models (engagement, timelines) would not be complete in such a
    /// history, so they are not folded at all.
    /// </summary>
    public static async Task<History> LoadStreamsAsync(IQuerySession session, PointInTime point, IEnumerable<Guid> streamIds,
        CancellationToken ct)
    {
        var ids = streamIds.Distinct().ToArray();
        var events = await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return await FoldAsync(session, KnownBy(events, point.KnownAt), point, ct, crossStream: false);
    }

    /// <summary>The events (in recorded order) folded to the point; <paramref name="crossStream"/>: also engagement and timelines.</summary>
    public static async Task<History> FoldAsync(IQuerySession session, IReadOnlyList<IEvent> recorded, PointInTime point,
        CancellationToken ct, bool crossStream = true)
    {
        var history = new History { Point = point };
        var parties = new Parties();
        if (crossStream)
            foreach (var e in recorded) parties.Learn(e.Data);

        // A stream counts only from its first event on: a correction to a meeting held after asOf has nothing to correct.
        var started = new HashSet<Guid>();
        var streams = new Dictionary<Guid, List<IEvent>>();
        foreach (var e in recorded)
        {
            if (!BusinessTime.HappenedBy(e.Data, point.AsOf)) continue;
            if (e.Version == 1) started.Add(e.StreamId);
            if (!started.Contains(e.StreamId)) continue;

            if (!streams.TryGetValue(e.StreamId, out var list)) streams[e.StreamId] = list = [];
            list.Add(e);
            if (crossStream)
            {
                foreach (var id in StakeholderEngagement.Route(e.Data, parties))
                    history.Engagement[id] = StakeholderEngagement.Fold(history.Engagement.GetValueOrDefault(id), id, e.Data);
                foreach (var id in Timeline.Route(e.Data, parties))
                    history.Timelines[id] = Timeline.Fold(history.Timelines.GetValueOrDefault(id), id, e);
            }
            if (MeetingSearchEntry.Fold(history.MeetingSearch.GetValueOrDefault(e.StreamId), e.Data) is { } entry)
                history.MeetingSearch[e.StreamId] = entry;
        }

        var options = session.DocumentStore.As<DocumentStore>().Options.Projections;
        foreach (var (id, events) in streams)
        {
            switch (events[0].Data)
            {
                case OrganizationRegistered: await Build(options.AggregatorFor<Organization>(), history.Organizations); break;
                case PersonRegistered: await Build(options.AggregatorFor<Person>(), history.People); break;
                case MeetingLogged: await Build(options.AggregatorFor<Meeting>(), history.Meetings); break;
                case SuggestionRaised: await Build(options.AggregatorFor<Suggestion>(), history.Suggestions); break;
                case CommitmentMade: await Build(options.AggregatorFor<Commitment>(), history.Commitments); break;
            }

            async Task Build<T>(JasperFx.Events.Aggregation.IAggregator<T, IQuerySession> aggregator, Dictionary<Guid, T> into) where T : class
            {
                if (await aggregator.BuildAsync(events, session, null, ct) is { } built) into[id] = built;
            }
        }
        return history;
    }

}
