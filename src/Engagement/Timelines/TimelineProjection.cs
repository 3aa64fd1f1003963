using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.People;
using Engagement.ReadModels;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Engagement.Timelines;

/// <summary>
/// One entry on one subject's timeline, with what "as of D, known at T" needs to decide it as the fold over the events
/// does (<see cref="History"/>): it counts when <see cref="ValidFrom"/> (the later business date of its event and of the
/// event that started that event's stream; null: any day) is on or before D, and <see cref="RecordedFrom"/> (the later
/// of those two events' recording times) is at or before T. <see cref="ShownOn"/> is the entry's day, which a page
/// also keeps to D.
/// </summary>
public sealed record TimelineRow(string Id, Guid SubjectId, long Sequence, DateOnly ShownOn, DateOnly? ValidFrom, DateTimeOffset RecordedFrom,
    TimelineEntry Entry)
{
    public static string IdOf(Guid subjectId, long sequence) => $"{subjectId}/{sequence}";
}

/// <summary>
/// Keeps a <see cref="TimelineRow"/> per entry per subject: a batch adds its events' rows and rewrites only the rows an
/// erasure or a masked note changes, so no document grows with history.
/// </summary>
public sealed class TimelineProjection : IProjection
{
    public const string ProjectionName = "TimelineEntries";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var rows = await TimelineRows.OfAsync(operations, events, cancellation);
        if (rows.Count > 0) operations.Store(rows.Values.ToArray());
    }
}

public static class TimelineRows
{
    private static readonly IReadOnlySet<Type> Included = Timeline.EventTypes.ToHashSet();

    /// <summary>
    /// The rows the events (in recorded order) write, by id: their entries on every subject <see cref="Timeline.Route"/>
    /// names, and the entries an erasure or a masked note rewrites as <see cref="Timeline.Fold"/> does. The starts of
    /// streams and the rewritten events are read from the event store, never from documents a rebuild may be rewriting.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, TimelineRow>> OfAsync(IQuerySession session, IReadOnlyList<IEvent> events,
        CancellationToken ct)
    {
        var rows = new Dictionary<string, TimelineRow>();
        var relevant = events.Where(e => Included.Contains(e.EventType)).ToList();
        if (relevant.Count == 0) return rows;
        var parties = await Parties.LoadAsync(session, relevant, ct);
        var rewritten = await RewrittenAsync(session, relevant, ct);
        var starts = await StartsAsync(session, relevant.Concat(rewritten), ct);
        var known = await KnownFromAsync(session, relevant.Concat(rewritten), ct);

        foreach (var e in relevant)
        {
            var subjects = Timeline.Route(e.Data, parties).ToList();
            switch (e.Data)
            {
                case PersonErased erased:
                    foreach (var post in rewritten.Where(p => p.Sequence < e.Sequence && PersonOf(p.Data) == erased.PersonId))
                        Add(post, subjects.Intersect(Timeline.Route(post.Data, parties)), entry => entry with { Detail = null });
                    break;
                case MeetingNoteMasked masked:
                    foreach (var note in rewritten.Where(n => n.Sequence == masked.NoteSequence && n.Data is MeetingNoteAdded))
                        Add(note, subjects.Intersect(Timeline.Route(note.Data, parties)), entry => entry with { Detail = masked.Text });
                    break;
                default:
                    Add(e, subjects, entry => entry);
                    break;
            }
        }
        return rows;

        void Add(IEvent e, IEnumerable<Guid> subjects, Func<TimelineEntry, TimelineEntry> shown)
        {
            if (Timeline.EntryFor(e.Sequence, e.Data) is not { } entry) return;
            entry = shown(entry);
            var start = starts.GetValueOrDefault(e.StreamId, e);
            var validFrom = Later(BusinessTime.DateOf(e.Data), BusinessTime.DateOf(start.Data));
            var recordedFrom = known.GetValueOrDefault(e.Sequence, e.Timestamp);
            foreach (var subject in subjects)
                rows[TimelineRow.IdOf(subject, e.Sequence)] = new TimelineRow(TimelineRow.IdOf(subject, e.Sequence), subject, e.Sequence, entry.On,
                    validFrom, recordedFrom.ToUniversalTime(), entry);
        }
    }

    /// <summary>The rows of the events the projection has not processed yet: what an exact answer of the past adds to the stored ones.</summary>
    public static async Task<IReadOnlyDictionary<string, TimelineRow>> UnprojectedAsync(IQuerySession session, CancellationToken ct)
    {
        var processed = await session.DocumentStore.Advanced.ProjectionProgressFor(new ShardName(TimelineProjection.ProjectionName), token: ct);
        var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > processed).OrderBy(e => e.Sequence).ToListAsync(ct);
        return await OfAsync(session, events, ct);
    }

    /// <summary>
    /// The subjects' entries at the point (the live answer is the point of today, known now), one per event however many of
    /// the subjects it concerns, as a source with the columns <c>id</c> (the sequence) and <c>data</c> (the entry as
    /// Marten stores it); alias it in the statement. <paramref name="unprojected"/> take the place of stored rows of the same id.
    /// </summary>
    public static string Source(IQuerySession session, SqlList list, IReadOnlyList<Guid> subjectIds, PointInTime point,
        IReadOnlyDictionary<string, TimelineRow> unprojected)
    {
        var table = session.DocumentStore.Options.Schema.For<TimelineRow>();
        var subjects = list.Param(subjectIds.ToArray());
        var rows = $"select r.id, r.sequence, r.shown_on, r.valid_from, r.recorded_from, r.data -> 'entry' as entry from {table} r " +
                   $"where r.subject_id = any({subjects})";
        var extra = unprojected.Values.Where(r => subjectIds.Contains(r.SubjectId)).ToList();
        if (extra.Count > 0)
        {
            var serializer = session.DocumentStore.Options.Serializer();
            rows = $"{rows} and not r.id = any({list.Param(extra.Select(r => r.Id).ToArray())}) union all " +
                   $"select x.id, x.sequence, x.shown_on, x.valid_from, x.recorded_from, x.entry from unnest(" +
                   $"{list.Param(extra.Select(r => r.Id).ToArray())}::text[], {list.Param(extra.Select(r => r.Sequence).ToArray())}::bigint[], " +
                   $"{list.Param(extra.Select(r => r.ShownOn).ToArray())}::date[], {list.Param(extra.Select(r => r.ValidFrom).ToArray())}::date[], " +
                   $"{list.Param(extra.Select(r => r.RecordedFrom).ToArray())}::timestamptz[], " +
                   $"{list.Param(extra.Select(r => serializer.ToJson(r.Entry)).ToArray())}::jsonb[]) " +
                   "as x(id, sequence, shown_on, valid_from, recorded_from, entry)";
        }
        var day = list.Param(point.AsOf);
        var known = point.KnownAt is { } at ? $" and r.recorded_from <= {list.Param(at)}" : "";
        var one = subjectIds.Count == 1 ? "" : "distinct on (r.sequence) ";
        return $"(select {one}r.sequence as id, r.entry as data from ({rows}) r " +
               $"where (r.valid_from is null or r.valid_from <= {day}) and r.shown_on <= {day}{known})";
    }

    private static Guid? PersonOf(object data) => data switch
    {
        PersonRegistered e => e.PersonId,
        PersonChangedPost e => e.PersonId,
        _ => null
    };

    /// <summary>The events erasures and masked notes rewrite the entries of: the erased people's posts, the masked notes.</summary>
    private static async Task<List<IEvent>> RewrittenAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var people = events.Select(e => e.Data).OfType<PersonErased>().Select(e => e.PersonId).Distinct().ToArray();
        var notes = events.Select(e => e.Data).OfType<MeetingNoteMasked>().Select(e => e.NoteSequence).Distinct().ToArray();
        if (people.Length == 0 && notes.Length == 0) return [];
        var found = await session.Events.QueryAllRawEvents()
            .Where(e => people.Contains(e.StreamId) || notes.Contains(e.Sequence)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return [.. found.Where(e => PersonOf(e.Data) is not null || e.Data is MeetingNoteAdded)];
    }

    /// <summary>
    /// When each event became known, by sequence: the latest recording time of its stream up to it (the rule of
    /// <see cref="History.KnownBy"/>), which is never before the stream's first event.
    /// </summary>
    private static async Task<Dictionary<long, DateTimeOffset>> KnownFromAsync(IQuerySession session, IEnumerable<IEvent> events, CancellationToken ct)
    {
        var all = events.DistinctBy(e => e.Sequence).ToList();
        var list = new SqlList();
        var sequences = list.Param(all.Select(e => e.Sequence).ToArray());
        var streams = list.Param(all.Select(e => e.StreamId).ToArray());
        var table = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var rows = await list.QueryAsync(session,
            $"select x.seq, (select max(t.timestamp) from {table} t where t.stream_id = x.stream and t.seq_id <= x.seq) " +
            $"from unnest({sequences}::bigint[], {streams}::uuid[]) as x(seq, stream)",
            r => (Sequence: r.GetInt64(0), At: r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1)), ct);
        return rows.Where(r => r.At is not null).ToDictionary(r => r.Sequence, r => r.At!.Value);
    }

    /// <summary>The first event of each stream the events belong to.</summary>
    private static async Task<Dictionary<Guid, IEvent>> StartsAsync(IQuerySession session, IEnumerable<IEvent> events, CancellationToken ct)
    {
        var all = events.ToList();
        var starts = all.Where(e => e.Version == 1).DistinctBy(e => e.StreamId).ToDictionary(e => e.StreamId);
        var missing = all.Select(e => e.StreamId).Where(id => !starts.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length == 0) return starts;
        var found = await session.Events.QueryAllRawEvents().Where(e => missing.Contains(e.StreamId) && e.Version == 1).ToListAsync(ct);
        foreach (var e in found) starts[e.StreamId] = e;
        return starts;
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

public static class Configuration
{
    public static void ConfigureTimelines(this StoreOptions options)
    {
        // Async: every event fans out to several timelines and nobody reads a timeline in the same breath as the write;
        // the live answer says how far behind it is, and an answer of the past adds the events not yet processed.
        options.Projections.Add(new TimelineProjection(), ProjectionLifecycle.Async, TimelineProjection.ProjectionName,
            o => o.DeleteViewTypeOnTeardown<TimelineRow>());
        options.Schema.For<TimelineRow>()
            .Duplicate(r => r.SubjectId)
            .Duplicate(r => r.Sequence)
            .Duplicate(r => r.ShownOn)
            .Duplicate(r => r.ValidFrom)
            .Duplicate(r => r.RecordedFrom);
    }
}
