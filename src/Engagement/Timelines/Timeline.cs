using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.ReadModels;
using Engagement.Suggestions;
using JasperFx.Events;

namespace Engagement.Timelines;

public enum TimelineEntryKind
{
    OrganizationRegistered, OrganizationRenamed, OrganizationMerged, OrganizationAbsorbed, PersonRegistered, PersonChangedPost,
    MeetingHeld, MeetingNoteAdded,
    SuggestionRaised, SuggestionAnswered, SuggestionResolved, SuggestionReopened,
    CommitmentMade, CommitmentProgressed, CommitmentDueDateChanged, CommitmentFellOverdue, CommitmentFulfilled, CommitmentCancelled
}

/// <summary>
/// One thing that happened, as it concerns the timeline's subject. It keeps the ids it links to; titles and names
/// are looked up when read, so a corrected meeting title shows everywhere.
/// </summary>
public sealed record TimelineEntry(long Sequence, DateOnly On, TimelineEntryKind Kind, Guid? MeetingId, Guid? SuggestionId,
    Guid? CommitmentId, Guid? PersonId, Guid? OrganizationId, string? Detail);

/// <summary>Everything that happened with one organisation or one person (the subject), in the order recorded.</summary>
public sealed record Timeline(Guid Id, IReadOnlyList<TimelineEntry> Entries)
{
    public static readonly Type[] EventTypes =
    [
        typeof(OrganizationRegistered), typeof(OrganizationRenamed), typeof(OrganizationMerged), typeof(OrganizationAbsorbed),
        typeof(PersonRegistered), typeof(PersonChangedPost),
        typeof(MeetingLogged), typeof(MeetingNoteAdded), typeof(SuggestionRaised), typeof(SuggestionResponded),
        typeof(SuggestionResolved), typeof(SuggestionReopened), typeof(CommitmentMade), typeof(CommitmentProgressed),
        typeof(CommitmentDueDateChanged), typeof(CommitmentFellOverdue), typeof(CommitmentFulfilled), typeof(CommitmentCancelled),
        typeof(PersonErased), typeof(MeetingNoteMasked)
    ];

    /// <summary>The organisations and people whose timelines an event belongs on.</summary>
    public static IEnumerable<Guid> Route(object data, Parties parties) => (data switch
    {
        OrganizationRegistered e => [e.OrganizationId],
        OrganizationRenamed e => [e.OrganizationId],
        OrganizationMerged e => [e.OrganizationId],
        OrganizationAbsorbed e => [e.OrganizationId],
        PersonRegistered e => [e.PersonId, e.OrganizationId],
        PersonChangedPost e => [e.PersonId, e.OrganizationId],
        MeetingLogged e => e.OrganizationIds.Concat(e.ParticipantIds),
        MeetingNoteAdded e => parties.Meeting(e.MeetingId) is { } m ? m.OrganizationIds.Concat(m.ParticipantIds) : [],
        SuggestionRaised e => [e.RaisedById, e.AddressedToId],
        SuggestionResponded e => parties.OrganizationsOfSuggestion(e.SuggestionId),
        SuggestionResolved e => parties.OrganizationsOfSuggestion(e.SuggestionId),
        SuggestionReopened e => parties.OrganizationsOfSuggestion(e.SuggestionId),
        CommitmentMade e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentProgressed e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentDueDateChanged e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentFellOverdue e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentFulfilled e => parties.OrganizationsOfCommitment(e.CommitmentId),
        CommitmentCancelled e => parties.OrganizationsOfCommitment(e.CommitmentId),
        PersonErased e => e.OrganizationIds.Prepend(e.PersonId),
        MeetingNoteMasked e => parties.Meeting(e.MeetingId) is { } m ? m.OrganizationIds.Concat(m.ParticipantIds) : [],
        _ => Enumerable.Empty<Guid>()
    }).Distinct();

    /// <summary>Adds the event's entry; an event already on the timeline (same sequence) is not added twice.</summary>
    public static Timeline Fold(Timeline? current, Guid subjectId, IEvent e)
    {
        var timeline = current ?? new Timeline(subjectId, []);
        if (Erased(timeline, e.Data) is { } erased) return erased;
        if (EntryFor(e.Sequence, e.Data) is not { } entry || timeline.Entries.Any(x => x.Sequence == e.Sequence)) return timeline;
        return timeline with { Entries = [.. timeline.Entries, entry] };
    }

    public static TimelineEntry? EntryFor(long sequence, object data)
    {
        if (BusinessTime.DayOf(data) is not { } on) return null;
        TimelineEntry Entry(TimelineEntryKind kind, Guid? meeting = null, Guid? suggestion = null, Guid? commitment = null,
            Guid? person = null, Guid? organization = null, string? detail = null) =>
            new(sequence, on, kind, meeting, suggestion, commitment, person, organization, detail);

        return data switch
        {
            OrganizationRegistered e => Entry(TimelineEntryKind.OrganizationRegistered, organization: e.OrganizationId, detail: e.Name),
            OrganizationRenamed e => Entry(TimelineEntryKind.OrganizationRenamed, organization: e.OrganizationId,
                detail: e.PreviousName is null ? e.Name : $"{e.PreviousName} → {e.Name}"),
            OrganizationMerged e => Entry(TimelineEntryKind.OrganizationMerged, organization: e.SurvivorId, detail: $"into {e.SurvivorName} — {e.Reason}"),
            OrganizationAbsorbed e => Entry(TimelineEntryKind.OrganizationAbsorbed, organization: e.MergedId, detail: $"{e.MergedName} — {e.Reason}"),
            PersonRegistered e => Entry(TimelineEntryKind.PersonRegistered, person: e.PersonId, organization: e.OrganizationId, detail: e.Title),
            PersonChangedPost e => Entry(TimelineEntryKind.PersonChangedPost, person: e.PersonId, organization: e.OrganizationId, detail: e.Title),
            MeetingLogged e => Entry(TimelineEntryKind.MeetingHeld, meeting: e.MeetingId),
            MeetingNoteAdded e => Entry(TimelineEntryKind.MeetingNoteAdded, meeting: e.MeetingId, detail: e.Text),
            SuggestionRaised e => Entry(TimelineEntryKind.SuggestionRaised, meeting: e.MeetingId, suggestion: e.SuggestionId, detail: e.Text),
            SuggestionResponded e => Entry(TimelineEntryKind.SuggestionAnswered, suggestion: e.SuggestionId, detail: e.Text),
            SuggestionResolved e => Entry(TimelineEntryKind.SuggestionResolved, suggestion: e.SuggestionId,
                detail: e.Note is null ? Kebab(e.Outcome) : $"{Kebab(e.Outcome)}: {e.Note}"),
            SuggestionReopened e => Entry(TimelineEntryKind.SuggestionReopened, suggestion: e.SuggestionId, detail: e.Reason),
            CommitmentMade e => Entry(TimelineEntryKind.CommitmentMade, meeting: e.MeetingId, commitment: e.CommitmentId, detail: e.Description),
            CommitmentProgressed e => Entry(TimelineEntryKind.CommitmentProgressed, commitment: e.CommitmentId, detail: e.Note),
            CommitmentDueDateChanged e => Entry(TimelineEntryKind.CommitmentDueDateChanged, commitment: e.CommitmentId,
                detail: $"due {Day(e.DueOn)} (was {Day(e.PreviousDueOn)})" + (e.Reason is null ? "" : $": {e.Reason}")),
            CommitmentFellOverdue e => Entry(TimelineEntryKind.CommitmentFellOverdue, commitment: e.CommitmentId, detail: $"was due {Day(e.DueOn)}"),
            CommitmentFulfilled e => Entry(TimelineEntryKind.CommitmentFulfilled, commitment: e.CommitmentId, detail: e.Note),
            CommitmentCancelled e => Entry(TimelineEntryKind.CommitmentCancelled, commitment: e.CommitmentId, detail: e.Reason),
            _ => null
        };
    }

    /// <summary>An erasure takes the titles off the person's entries and puts each masked note's text in place.</summary>
    private static Timeline? Erased(Timeline timeline, object data) => data switch
    {
        PersonErased e => timeline with
        {
            Entries = [.. timeline.Entries.Select(x => x.PersonId == e.PersonId
                && x.Kind is TimelineEntryKind.PersonRegistered or TimelineEntryKind.PersonChangedPost ? x with { Detail = null } : x)]
        },
        MeetingNoteMasked e => timeline with
        {
            Entries = [.. timeline.Entries.Select(x => x.Sequence == e.NoteSequence ? x with { Detail = e.Text } : x)]
        },
        _ => null
    };

    private static string Kebab(SuggestionOutcome outcome) => Infrastructure.EnumText.Kebab(outcome);

    private static string Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd") : "no date";
}
