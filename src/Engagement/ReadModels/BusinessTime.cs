using Engagement.Commitments;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;

namespace Engagement.ReadModels;

/// <summary>
/// When each event happened in the world (its business date), as opposed to when it was recorded (the event's
/// timestamp). As-of answers keep the events whose business date is on or before the day asked about.
/// </summary>
public static class BusinessTime
{
    /// <summary>
    /// The business date, or null for facts about the record rather than the world: a registration says who exists
    /// and a correction fixes what was logged (an erasure, what may be kept), so they hold from the moment they are
    /// known, whatever the day asked.
    /// </summary>
    public static DateOnly? DateOf(object data) => data switch
    {
        MeetingLogged e => e.HeldOn,
        MeetingNoteAdded e => e.NotedOn,
        SuggestionRaised e => e.RaisedOn,
        SuggestionResponded e => e.RespondedOn,
        SuggestionResolved e => e.ResolvedOn,
        SuggestionReopened e => e.ReopenedOn,
        CommitmentMade e => e.MadeOn,
        CommitmentProgressed e => e.NotedOn,
        CommitmentDueDateChanged e => e.ChangedOn,
        CommitmentFulfilled e => e.FulfilledOn,
        CommitmentCancelled e => e.CancelledOn,
        CommitmentFellOverdue e => e.FellOverdueOn,
        SuggestionResponsibleAssigned e => e.AssignedOn,
        SuggestionResponsibleUnassigned e => e.UnassignedOn,
        SuggestionFollowUpScheduled e => e.ScheduledOn,
        SuggestionFollowUpCleared e => e.ClearedOn,
        AskFollowUpDue e => e.FollowUpOn,
        CommitmentResponsibleAssigned e => e.AssignedOn,
        CommitmentResponsibleUnassigned e => e.UnassignedOn,
        CommitmentFallingDue e => e.RemindedOn,
        OrganizationRenamed e => e.RenamedOn,
        OrganizationMerged e => e.MergedOn,
        OrganizationAbsorbed e => e.MergedOn,
        PersonChangedPost e => e.Since,
        _ => null
    };

    /// <summary>The day an event is shown on: its business date, or the day a registration or correction gives.</summary>
    public static DateOnly? DayOf(object data) => DateOf(data) ?? data switch
    {
        OrganizationRegistered e => e.RegisteredOn,
        PersonRegistered e => e.Since,
        MeetingCorrected e => e.CorrectedOn,
        PersonErased e => e.ErasedOn,
        MeetingNoteMasked e => e.MaskedOn,
        OrganizationRegisterIdChanged e => e.ChangedOn,
        _ => null
    };

    /// <summary>Whether an event counts in an answer as of the end of <paramref name="asOf"/>.</summary>
    public static bool HappenedBy(object data, DateOnly asOf) => DateOf(data) is not { } day || day <= asOf;
}
