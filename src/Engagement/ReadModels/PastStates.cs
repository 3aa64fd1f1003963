using System.Reflection;
using System.Text.Json;
using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;
using JasperFx.Core.Reflection;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Engagement.ReadModels;

/// <summary>
/// One state of one item (an ask, a commitment, a meeting, its search entry, an organisation, a person) and the region
/// of time over which it is the answer: the business days <c>[ValidFrom, ValidUntil)</c> (null: without bound) and the
/// recording times <c>[RecordedFrom, RecordedUntil)</c>. "As of D, known at T" is the one state of each item whose
/// region holds (D, T): an indexed range query, however long the history. The regions of an item tile the plane from
/// its first event on, so no point has two states.
/// </summary>
public sealed record PastState(string Id, string Kind, Guid EntityId, DateOnly? ValidFrom, DateOnly? ValidUntil,
    DateTimeOffset RecordedFrom, DateTimeOffset? RecordedUntil, JsonElement State);

/// <summary>
/// Keeps <see cref="PastState"/> from the events: for each item touched by a batch, its whole history (up to the
/// batch's last event) is folded again into regions, and they replace the item's rows. The folds are the ones the live
/// read models run (Marten's aggregators, the search entry's Fold), applied event by event in recorded order to each
/// region of business days the event reaches, which is what folding the events of a point gives (see <see cref="History"/>).
/// </summary>
public sealed class PastStatesProjection : IProjection
{
    public const string ProjectionName = "PastStates";

    /// <summary>The kinds of item kept, by the event that starts their stream.</summary>
    public static readonly IReadOnlyDictionary<Type, Type[]> KindsByFirstEvent = new Dictionary<Type, Type[]>
    {
        [typeof(OrganizationRegistered)] = [typeof(Organization)],
        [typeof(PersonRegistered)] = [typeof(Person)],
        [typeof(MeetingLogged)] = [typeof(Meeting), typeof(MeetingSearchEntry)],
        [typeof(SuggestionRaised)] = [typeof(Suggestion)],
        [typeof(CommitmentMade)] = [typeof(Commitment)]
    };

    /// <summary>Every event any of those items is folded from: what their Create and Apply methods take (bare or as IEvent&lt;T&gt;).</summary>
    public static readonly IReadOnlySet<Type> EventTypes = new[] { typeof(Organization), typeof(Person), typeof(Meeting), typeof(Suggestion), typeof(Commitment) }
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
        .Where(m => m.Name is "Create" or "Apply" && m.GetParameters().Length == 1)
        .Select(m => m.GetParameters()[0].ParameterType)
        .Select(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEvent<>) ? t.GetGenericArguments()[0] : t)
        .Concat(MeetingSearchEntry.EventTypes)
        .ToHashSet();

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var touched = events.Where(e => EventTypes.Contains(e.EventType)).Select(e => e.StreamId).Distinct().ToArray();
        if (touched.Length == 0) return;
        var last = events.Max(e => e.Sequence);
        var history = await operations.Events.QueryAllRawEvents()
            .Where(e => touched.Contains(e.StreamId) && e.Sequence <= last)
            .OrderBy(e => e.Sequence).ToListAsync(cancellation);

        var rows = new List<PastState>();
        foreach (var stream in history.GroupBy(e => e.StreamId))
            rows.AddRange(await StatesOfAsync(operations, [.. stream], cancellation));

        operations.DeleteWhere<PastState>(s => touched.Contains(s.EntityId));
        if (rows.Count > 0) operations.Store(rows.ToArray());
    }

    /// <summary>The regions of every kind kept for one stream's events (in recorded order); none for other streams.</summary>
    public static async Task<List<PastState>> StatesOfAsync(IQuerySession session, IReadOnlyList<IEvent> stream, CancellationToken ct)
    {
        var rows = new List<PastState>();
        if (stream.Count == 0 || stream[0].Version != 1 || !KindsByFirstEvent.TryGetValue(stream[0].EventType, out var kinds)) return rows;
        var projections = session.DocumentStore.As<DocumentStore>().Options.Projections;
        var serializer = session.DocumentStore.Options.Serializer();
        foreach (var kind in kinds)
        {
            Func<object?, IEvent, ValueTask<object?>> fold = kind == typeof(MeetingSearchEntry)
                ? (state, e) => ValueTask.FromResult<object?>(MeetingSearchEntry.Fold((MeetingSearchEntry?)state, e.Data))
                : kind == typeof(Organization) ? Aggregate(projections.AggregatorFor<Organization>())
                : kind == typeof(Person) ? Aggregate(projections.AggregatorFor<Person>())
                : kind == typeof(Meeting) ? Aggregate(projections.AggregatorFor<Meeting>())
                : kind == typeof(Suggestion) ? Aggregate(projections.AggregatorFor<Suggestion>())
                : Aggregate(projections.AggregatorFor<Commitment>());
            var regions = await Regions.OfAsync(stream, fold, state => state is null ? null : serializer.ToJson(state));
            rows.AddRange(regions.Select((r, i) => new PastState($"{kind.Name}/{stream[0].StreamId}/{i}", kind.Name, stream[0].StreamId,
                r.ValidFrom, r.ValidUntil, r.RecordedFrom, r.RecordedUntil, JsonDocument.Parse(r.Json).RootElement.Clone())));
        }
        return rows;

        Func<object?, IEvent, ValueTask<object?>> Aggregate<T>(JasperFx.Events.Aggregation.IAggregator<T, IQuerySession> aggregator)
            where T : class =>
            async (state, e) => await aggregator.BuildAsync([e], session, (T?)state, ct);
    }
}

/// <summary>
/// The regions of (business day, recording time) over which a stream's fold has one state. An event recorded at t
/// with business date b changes, from t on, every day from b on (every day at all when it has no business date); an
/// event before the stream's first is never counted, which the first region's start gives.
/// </summary>
public static class Regions
{
    public sealed record Region(DateOnly? ValidFrom, DateOnly? ValidUntil, DateTimeOffset RecordedFrom, DateTimeOffset? RecordedUntil, string Json);

    private sealed record Open(DateOnly? From, DateOnly? Until, DateTimeOffset RecordedFrom, object? State, string? Json);

    public static async Task<List<Region>> OfAsync(IReadOnlyList<IEvent> stream, Func<object?, IEvent, ValueTask<object?>> fold,
        Func<object?, string?> json)
    {
        var closed = new List<Region>();
        var open = new List<Open>();
        var at = DateTimeOffset.MinValue;
        void Close(Open r, DateOnly? from, DateOnly? until, DateTimeOffset end)
        {
            if (r.Json is not null && r.RecordedFrom < end) closed.Add(new Region(from, until, r.RecordedFrom, end, r.Json));
        }

        foreach (var e in stream)
        {
            // Recording times only move forward within a stream, even when two transactions' clocks disagree.
            at = History.KnownFrom(at, e);
            var day = BusinessTime.DateOf(e.Data);
            if (open.Count == 0)
            {
                var first = await fold(null, e);
                open.Add(new Open(day, null, at, first, json(first)));
                continue;
            }

            var next = new List<Open>(open.Count + 1);
            foreach (var r in open)
            {
                if (day is { } b && r.Until is { } until && until <= b)
                {
                    next.Add(r);
                    continue;
                }
                var state = await fold(r.State, e);
                var text = json(state);
                if (text == r.Json)
                {
                    next.Add(r);
                    continue;
                }
                if (day is { } split && (r.From is null || r.From < split))
                {
                    // The days before the event keep their state as recorded; those from it change from now on.
                    Close(r, split, r.Until, at);
                    next.Add(r with { Until = split });
                    next.Add(new Open(split, r.Until, at, state, text));
                }
                else
                {
                    Close(r, r.From, r.Until, at);
                    next.Add(new Open(r.From, r.Until, at, state, text));
                }
            }
            open = next;
        }

        foreach (var r in open)
            if (r.Json is not null) closed.Add(new Region(r.From, r.Until, r.RecordedFrom, null, r.Json));
        return closed;
    }
}

public static class PastStatesConfiguration
{
    public static void ConfigurePastStates(this StoreOptions options)
    {
        // Async: a write does not wait for its item's history to be folded again; a read of the past folds the few
        // streams the projection has not reached yet itself (see Past), so it is exact either way.
        options.Projections.Add(new PastStatesProjection(), ProjectionLifecycle.Async, PastStatesProjection.ProjectionName,
            o => o.DeleteViewTypeOnTeardown<PastState>());
        options.Schema.For<PastState>()
            .Duplicate(s => s.Kind)
            .Duplicate(s => s.EntityId)
            .Duplicate(s => s.ValidFrom)
            .Duplicate(s => s.ValidUntil)
            .Duplicate(s => s.RecordedFrom)
            .Duplicate(s => s.RecordedUntil);
    }
}
