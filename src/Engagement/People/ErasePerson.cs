using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Webhooks;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.People;

/// <summary><c>reason</c>: why, for the record (the request, the law), kept with the erasure; not sent to webhooks.</summary>
public sealed record ErasePerson([Required] string? Reason);

public static class ErasePersonEndpoint
{
    public static ProblemDetails Validate(ErasePerson command) =>
        new Errors().Required("reason", command.Reason, Limits.Note).ToProblemDetails();

    public static Decision Decide(Person person, ErasePerson command, DateOnly today) => person.Erasure is { } done
        ? Decision.Conflict($"The personal data of this person was already erased on {done.ErasedOn:yyyy-MM-dd} by {done.ErasedBy ?? "an unknown user"}.")
        : Decision.Accept(new PersonErased(person.Id, command.Reason!.Trim(), today, [.. person.Posts.Select(p => p.OrganizationId).Distinct()]));

    /// <summary>
    /// Masks the person's events and the notes that mention them, then records the erasure and, on each meeting, which
    /// notes were masked (so the read models follow without a rebuild). The masking commits first: it is idempotent, so
    /// a retried or interrupted erasure simply masks again and records once. Stored webhook deliveries of the masked
    /// events are rebuilt afterwards, so a retry or replay sends nothing erased.
    /// </summary>
    [WolverinePost("/api/people/{id}/erasure", Name = "ErasePerson"), Tags("People")]
    [ProducesResponseType<Written>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(Guid id, ErasePerson command, IDocumentSession session, IDocumentStore store, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var today = clock.Today();
        IReadOnlyList<IEvent>? masked = null;
        var result = await Streams.Append<Person>(session, http, id, "person", async person =>
        {
            var decision = Decide(person, command, today);
            if (!decision.IsAccepted) return decision;
            var (events, notes) = await MaskAsync(store, session, person, today, ct);
            // Through FetchForWriting, so each meeting's snapshot gets its true version (and a concurrent write there retries).
            foreach (var meeting in notes.GroupBy(n => n.MeetingId))
                (await session.Events.FetchForWriting<Meeting>(meeting.Key, ct)).AppendMany(meeting.ToArray());
            masked = events;
            return decision;
        }, ct);
        if (masked is { Count: > 0 }) await RebuildDeliveriesAsync(store, masked, ct);
        return result;
    }

    private static async Task<(IReadOnlyList<IEvent> Masked, IReadOnlyList<MeetingNoteMasked> Notes)> MaskAsync(IDocumentStore store,
        IDocumentSession session, Person person, DateOnly today, CancellationToken ct)
    {
        var mention = JsonSerializer.Serialize(new[] { new { mentions = new[] { person.Id } } });
        var meetings = await session.QueryAsync<Meeting>("where data -> 'notes' @> ?::jsonb", ct, mention);
        bool Mentions(IEvent e) => e.Data is MeetingNoteAdded n && n.Mentions?.Contains(person.Id) == true;

        await PersonalData.MaskingNotesForAsync(person.Name, () => store.Advanced.ApplyEventDataMasking(x =>
        {
            x.IncludeStream(person.Id);
            foreach (var meeting in meetings) x.IncludeStream(meeting.Id, Mentions);
        }, ct));

        var events = new List<IEvent>(await session.Events.FetchStreamAsync(person.Id, token: ct));
        var notes = new List<MeetingNoteMasked>();
        foreach (var meeting in meetings)
        {
            var mentioning = (await session.Events.FetchStreamAsync(meeting.Id, token: ct)).Where(Mentions).ToList();
            events.AddRange(mentioning);
            notes.AddRange(mentioning.Select(e => (MeetingNoteAdded)e.Data)
                .Zip(mentioning, (n, e) => new MeetingNoteMasked(meeting.Id, n.NoteId, e.Sequence, person.Id, n.Text, today)));
        }
        return (events, notes);
    }

    private static async Task RebuildDeliveriesAsync(IDocumentStore store, IReadOnlyList<IEvent> masked, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var sequences = masked.Select(e => e.Sequence).ToArray();
        var deliveries = await session.Query<Delivery>().Where(d => sequences.Contains(d.Sequence)).ToListAsync(ct);
        if (deliveries.Count == 0) return;
        var bodies = (await EventCatalogue.EnvelopesAsync(session, masked, ct))
            .ToDictionary(x => x.Event.Sequence, x => EventCatalogue.Serialize(x.Envelope));
        foreach (var delivery in deliveries)
            if (bodies.TryGetValue(delivery.Sequence, out var body)) session.Store(delivery with { Body = body });
        await session.SaveChangesAsync(ct);
    }
}
