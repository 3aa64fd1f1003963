using Engagement.Infrastructure;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Webhooks;

/// <summary>A page of the pull feed; ask for the next one with <c>after=next</c>.</summary>
public sealed record EventPage(IReadOnlyList<EventEnvelope> Events, long Next);

/// <summary>The webhook envelopes as a feed to poll, oldest first: the fallback when deliveries cannot reach a receiver.</summary>
public static class EventFeedEndpoint
{
    [WolverineGet("/api/events", Name = "EventFeed"), Tags("Events")]
    [ProducesResponseType<EventPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? after, string? limit, string? types, IQuerySession session, IDocumentStore store,
        CancellationToken ct)
    {
        var errors = new Errors();
        var from = 0L;
        if (after is not null && !(long.TryParse(after, System.Globalization.NumberStyles.None, null, out from)))
            errors.Add("after", "must be a sequence number (0 or more)");
        var take = DeliveriesEndpoint.ParseLimit(errors, limit);
        var wanted = ParseTypes(errors, "types", types);
        if (errors.ToProblem() is { } problem) return problem.ToResult();

        var ceiling = await SafeCeilingAsync(store, ct);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > from && e.Sequence <= ceiling && e.EventTypesAre(wanted))
            .OrderBy(e => e.Sequence).Take(take).ToListAsync(ct);
        var envelopes = await EventCatalogue.EnvelopesAsync(session, events, ct);
        var next = events.Count == take ? events[^1].Sequence : Math.Max(from, ceiling);
        return Results.Ok(new EventPage([.. envelopes.Select(x => x.Envelope)], next));
    }

    /// <summary>
    /// The daemon's high-water mark: every event up to it is committed, so a reader that has seen it never misses one
    /// committed later with a lower sequence.
    /// </summary>
    public static Task<long> SafeCeilingAsync(IDocumentStore store, CancellationToken ct) =>
        store.Advanced.ProjectionProgressFor(new ShardName(ShardState.HighWaterMark), null, ct);

    /// <summary>A comma-separated list of catalogue types, or every type when null.</summary>
    public static Type[] ParseTypes(Errors errors, string field, string? types)
    {
        if (types is null) return [.. EventCatalogue.Types.Select(t => t.EventClass)];
        var names = types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) errors.Add(field, "must name at least one event type, or be left out");
        foreach (var name in names.Where(n => !EventCatalogue.IsKnown(n)))
            errors.Add(field, $"'{name}' is not an event type; GET /api/webhooks/event-types lists them");
        return [.. names.Where(EventCatalogue.IsKnown).Distinct().Select(EventCatalogue.ClassOf)];
    }
}
