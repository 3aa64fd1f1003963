using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Infrastructure;

public sealed record HistoryEntry(long Sequence, long Version, string Type, DateTimeOffset Timestamp, string? CorrelationId,
    string? RecordedBy, object Data);

/// <summary>Every stream's events, oldest first: what was recorded, when, by whom.</summary>
public static class HistoryEndpoints
{
    public const string RecordedByHeader = "recordedBy";

    [WolverineGet("/api/organizations/{id}/history", Name = "OrganizationHistory"), Tags("Organizations")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static Task<IResult> Organization(Guid id, IQuerySession session, CancellationToken ct) =>
        Read<Organization>(session, id, "organisation", ct);

    [WolverineGet("/api/people/{id}/history", Name = "PersonHistory"), Tags("People")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static Task<IResult> Person(Guid id, IQuerySession session, CancellationToken ct) =>
        Read<Person>(session, id, "person", ct);

    [WolverineGet("/api/meetings/{id}/history", Name = "MeetingHistory"), Tags("Meetings")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static Task<IResult> Meeting(Guid id, IQuerySession session, CancellationToken ct) =>
        Read<Meeting>(session, id, "meeting", ct);

    [WolverineGet("/api/suggestions/{id}/history", Name = "SuggestionHistory"), Tags("Suggestions")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static Task<IResult> Suggestion(Guid id, IQuerySession session, CancellationToken ct) =>
        Read<Suggestion>(session, id, "suggestion", ct);

    [WolverineGet("/api/commitments/{id}/history", Name = "CommitmentHistory"), Tags("Commitments")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static Task<IResult> Commitment(Guid id, IQuerySession session, CancellationToken ct) =>
        Read<Commitment>(session, id, "commitment", ct);

    [WolverineGet("/api/webhooks/{id}/history", Name = "WebhookHistory"), Tags("Webhooks")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static Task<IResult> Webhook(Guid id, IQuerySession session, CancellationToken ct) =>
        Read<Engagement.Webhooks.Webhook>(session, id, "webhook", ct);

    [WolverineGet("/api/keys/{id}/history", Name = "KeyHistory"), Tags("Access")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static Task<IResult> Key(Guid id, IQuerySession session, CancellationToken ct) =>
        Read<Engagement.Access.ApiKey>(session, id, "API key", ct);

    private static async Task<IResult> Read<T>(IQuerySession session, Guid id, string what, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        if (state is null || state.AggregateType != typeof(T)) return Problem.NotFound(what, id).ToResult();
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return Results.Ok(events.Select(e => new HistoryEntry(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, e.CorrelationId,
            e.Headers?.TryGetValue(RecordedByHeader, out var by) == true ? by?.ToString() : null, e.Data)));
    }
}
