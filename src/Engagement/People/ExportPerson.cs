using System.Text.Json;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Engagement.People;

/// <summary>A meeting the person took part in, or whose notes mention them, with all its notes.</summary>
public sealed record ExportedMeeting(Guid Id, string Title, DateOnly HeldOn, string? Location, IReadOnlyList<Ref> Organizations,
    bool TookPart, bool Mentioned, IReadOnlyList<MeetingNote> Notes);

/// <summary>
/// Everything held about a person (a subject-access request): the record with its posts (and the erasure, if any), every
/// event of their stream with when and by whom it was recorded, and the meetings they took part in or are mentioned in.
/// Asks and commitments belong to organisations, not to people, so none is theirs.
/// </summary>
public sealed record PersonExport(DateTimeOffset ExportedAt, PersonView Person, IReadOnlyList<HistoryEntry> Events,
    IReadOnlyList<ExportedMeeting> Meetings);

public static class ExportPersonEndpoint
{
    [WolverineGet("/api/people/{id}/export", Name = "ExportPerson"), Tags("People")]
    [ProducesResponseType<PersonExport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Person>(id, ct) is not { } person) return Problem.NotFound("person", id).ToResult();

        var events = await session.Events.FetchStreamAsync(id, token: ct);
        var tookPart = JsonSerializer.Serialize(new[] { id });
        var mentioned = JsonSerializer.Serialize(new[] { new { mentions = new[] { id } } });
        var meetings = await session.QueryAsync<Meeting>(
            "where data -> 'participantIds' @> ?::jsonb or data -> 'notes' @> ?::jsonb order by data ->> 'heldOn', id", ct, tookPart, mentioned);
        var organizations = await Names.OrganizationsAsync(session, meetings.SelectMany(m => m.OrganizationIds), ct);

        var now = clock.GetUtcNow();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"person-{id}-{now:yyyy-MM-dd}.json\"";
        return Results.Ok(new PersonExport(now, await GetPersonEndpoint.ViewAsync(session, person, ct),
            [.. events.Select(e => new HistoryEntry(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, e.CorrelationId,
                e.Headers?.TryGetValue(HistoryEndpoints.RecordedByHeader, out var by) == true ? by?.ToString() : null, e.Data))],
            [.. meetings.Select(m => new ExportedMeeting(m.Id, m.Title, m.HeldOn, m.Location, [.. m.OrganizationIds.Select(organizations.RefTo)],
                m.ParticipantIds.Contains(id), m.Notes.Any(n => n.Mentions?.Contains(id) == true), m.Notes))]));
    }
}
