using System.Text.Json.Nodes;
using Alba;
using Engagement.Tests.Support;
using Marten;
using Marten.Events;

namespace Engagement.Tests.ReadModels;

/// <summary>Scenario helpers for the read models: the later steps of an ask or a commitment, and waiting for projections.</summary>
public static class ReadModelScenarios
{
    /// <summary>Waits until every asynchronous projection and subscription has processed every event.</summary>
    public static Task SettleAsync(this AppFixture fixture) => fixture.Host.SettleAsync();

    public static Task<JsonNode> Respond(this IAlbaHost host, Guid suggestionId, DateOnly respondedOn) =>
        host.PostOk($"/api/suggestions/{suggestionId}/responses", new { text = "We are looking into it", respondedOn });

    public static Task<JsonNode> Resolve(this IAlbaHost host, Guid suggestionId, DateOnly resolvedOn, string outcome = "adopted") =>
        host.PostOk($"/api/suggestions/{suggestionId}/resolution", new { outcome, resolvedOn });

    public static Task<JsonNode> Reopen(this IAlbaHost host, Guid suggestionId, DateOnly reopenedOn) =>
        host.PostOk($"/api/suggestions/{suggestionId}/reopening", new { reason = "Not done after all", reopenedOn });

    public static Task<JsonNode> Fulfil(this IAlbaHost host, Guid commitmentId, DateOnly fulfilledOn) =>
        host.PostOk($"/api/commitments/{commitmentId}/fulfilment", new { note = "Done", fulfilledOn });

    public static Task<JsonNode> Cancel(this IAlbaHost host, Guid commitmentId, DateOnly cancelledOn) =>
        host.PostOk($"/api/commitments/{commitmentId}/cancellation", new { reason = "Overtaken by events", cancelledOn });

    public static Task<JsonNode> MoveDueDate(this IAlbaHost host, Guid commitmentId, DateOnly dueOn) =>
        host.PostOk($"/api/commitments/{commitmentId}/due-date", new { dueOn, reason = "More time needed" });

    public static async Task<Guid> Meeting(this IAlbaHost host, string title, DateOnly heldOn, Guid[] organizationIds,
        Guid[]? participantIds = null, string[]? topics = null, string? summary = null) =>
        (await host.PostOk("/api/meetings", new { title, heldOn, organizationIds, participantIds, topics, summary }))["id"]!.GetValue<Guid>();

    /// <summary>The recorded timestamp of a stream's last event, for knownAt.</summary>
    public static async Task<DateTimeOffset> RecordedAt(this AppFixture fixture, Guid streamId)
    {
        await using var session = fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamId);
        return events[^1].Timestamp;
    }

    public static string Iso(this DateTimeOffset moment) => Uri.EscapeDataString(moment.ToUniversalTime().ToString("O"));

    public static string Day(this DateOnly day) => day.ToString("yyyy-MM-dd");

    public static JsonArray Array(this JsonNode? node, string name) => node![name]!.AsArray();

    public static T Value<T>(this JsonNode? node, string name) => node![name]!.GetValue<T>();

    public static JsonNode Single(this JsonArray items, string field, Guid id) =>
        items.Single(x => x![field]!["id"]!.GetValue<Guid>() == id)!;

    public static JsonNode WithId(this JsonArray items, Guid id) => items.Single(x => x!["id"]!.GetValue<Guid>() == id)!;
}
