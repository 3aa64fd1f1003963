using System.Text.Json;
using Engagement.Commitments;
using Engagement.Confidentiality;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;
using JasperFx.Events;
using Marten;

namespace Engagement.Webhooks;

public sealed record EventType(string Type, Type EventClass, string Description);

public sealed record EventTypeView(string Type, string Description, EventEnvelope Example);

/// <summary>The event types integrators can subscribe to, with the dotted lower-case names that are the public contract.</summary>
public static class EventCatalogue
{
    public static readonly IReadOnlyList<EventType> Types =
    [
        new("organization.registered", typeof(OrganizationRegistered), "An organisation (government body, member company, the chamber, other) was registered."),
        new("organization.renamed", typeof(OrganizationRenamed), "An organisation took a new name."),
        new("organization.register-id-changed", typeof(OrganizationRegisterIdChanged), "An organisation's id in a public lobbying register (the EU Transparency Register) was set, changed or removed."),
        new("organization.merged", typeof(OrganizationMerged), "A duplicate organisation was merged into another, the survivor, which answers for it from now on; both histories are kept."),
        new("person.registered", typeof(PersonRegistered), "A person (an official or an executive) was registered with their post."),
        new("person.post-changed", typeof(PersonChangedPost), "A person took a new title, moved to another organisation, or both."),
        new("person.erased", typeof(PersonErased), "A person's personal data was erased: their events now say \"Erased person\"; drop what you hold about them."),
        new("meeting.logged", typeof(MeetingLogged), "A meeting was logged: date, place, organisations, participants, topics, summary."),
        new("meeting.note-added", typeof(MeetingNoteAdded), "A note was added to a meeting."),
        new("meeting.note-masked", typeof(MeetingNoteMasked), "An erased person's name was masked in a note that mentioned them; the text is the masked one."),
        new("meeting.corrected", typeof(MeetingCorrected), "What was logged about a meeting was corrected; only the corrected fields are given."),
        new("suggestion.raised", typeof(SuggestionRaised), "A member company or the chamber raised a suggestion (an ask) at a meeting."),
        new("suggestion.responded", typeof(SuggestionResponded), "The stakeholder a suggestion was addressed to responded."),
        new("suggestion.resolved", typeof(SuggestionResolved), "A suggestion was resolved: adopted, partially adopted, declined or withdrawn."),
        new("suggestion.reopened", typeof(SuggestionReopened), "A resolved suggestion was reopened."),
        new("commitment.made", typeof(CommitmentMade), "One party made a commitment at a meeting, possibly answering a suggestion."),
        new("commitment.progressed", typeof(CommitmentProgressed), "Progress on a commitment was noted."),
        new("commitment.due-date-changed", typeof(CommitmentDueDateChanged), "A commitment's due date was set, moved or removed."),
        new("commitment.fulfilled", typeof(CommitmentFulfilled), "A commitment was fulfilled."),
        new("commitment.cancelled", typeof(CommitmentCancelled), "A commitment was cancelled."),
        new("commitment.overdue", typeof(CommitmentFellOverdue), "An open commitment's due date passed."),
        new("commitment.falling-due", typeof(CommitmentFallingDue), "Reminder: an open commitment is due within the set number of days (Reminders:FallingDueDays, 7 by default)."),
        new("suggestion.follow-up-due", typeof(AskFollowUpDue), "Reminder: the day planned for an ask's next follow-up has come."),
        new("webhook.disabled", typeof(WebhookDisabled), "A webhook endpoint was disabled: by hand, because it answered 410, or because every attempt failed for days.")
    ];

    private static readonly Dictionary<Type, string> ByClass = Types.ToDictionary(t => t.EventClass, t => t.Type);
    private static readonly Dictionary<string, Type> ByName = Types.ToDictionary(t => t.Type, t => t.EventClass);

    public static string? NameOf(Type eventClass) => ByClass.GetValueOrDefault(eventClass);

    public static bool IsKnown(string type) => ByName.ContainsKey(type);

    public static Type ClassOf(string type) => ByName[type];

    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }

    public static string Serialize(EventEnvelope envelope) => JsonSerializer.Serialize(envelope, Json);

    /// <summary>The body for one endpoint: whole for one cleared for restricted content, redacted for any other.</summary>
    public static string Serialize(EventEnvelope envelope, Webhook endpoint, Redaction uncleared)
    {
        if (endpoint.Confidential || !uncleared.Any) return Serialize(envelope);
        var node = JsonSerializer.SerializeToNode(envelope, Json);
        uncleared.Redact(node);
        return node!.ToJsonString(Json);
    }

    /// <summary>Envelopes for the catalogue's events among <paramref name="events"/>, in the order given.</summary>
    public static async Task<IReadOnlyList<(IEvent Event, EventEnvelope Envelope)>> EnvelopesAsync(IQuerySession session,
        IEnumerable<IEvent> events, CancellationToken ct)
    {
        var published = events.Where(e => NameOf(e.EventType) is not null).ToList();
        if (published.Count == 0) return [];
        var names = await Lookup.LoadAsync(session, published.Select(e => e.Data), ct);
        return [.. published.Select(e => (e, Envelope(e, names)))];
    }

    public static EventEnvelope Envelope(IEvent e, Lookup names) =>
        new(NameOf(e.EventType)!, e.Timestamp, e.Sequence, RecordedBy(e), Payloads.Data(e.Data, names));

    public static string? RecordedBy(IEvent e) =>
        e.Headers?.TryGetValue(HistoryEndpoints.RecordedByHeader, out var by) == true ? by?.ToString() : null;

    public static IReadOnlyList<EventTypeView> WithExamples() => [.. Types.Select(t => new EventTypeView(t.Type, t.Description, Examples.For(t)))];
}
