namespace Engagement.Suggestions;

public enum SuggestionStatus { Open, Answered, Resolved }

public enum SuggestionOutcome { Adopted, PartiallyAdopted, Declined, Withdrawn }

public sealed record SuggestionRaised(Guid SuggestionId, Guid MeetingId, Guid RaisedById, Guid AddressedToId, string? Topic,
    string Text, DateOnly RaisedOn);

public sealed record SuggestionResponded(Guid SuggestionId, Guid ResponseId, string Text, DateOnly RespondedOn);

public sealed record SuggestionResolved(Guid SuggestionId, SuggestionOutcome Outcome, string? Note, DateOnly ResolvedOn);

public sealed record SuggestionReopened(Guid SuggestionId, string Reason, DateOnly ReopenedOn);

public sealed record SuggestionResponse(Guid Id, string Text, DateOnly RespondedOn);

/// <summary>A staff user became responsible for following the suggestion up, in place of <see cref="PreviousResponsibleId"/>.</summary>
public sealed record SuggestionResponsibleAssigned(Guid SuggestionId, Guid ResponsibleId, string ResponsibleName, Guid? PreviousResponsibleId,
    DateOnly AssignedOn);

public sealed record SuggestionResponsibleUnassigned(Guid SuggestionId, Guid PreviousResponsibleId, DateOnly UnassignedOn);

/// <summary>The next follow-up was set for a day, or moved to it from <see cref="PreviousFollowUpOn"/>.</summary>
public sealed record SuggestionFollowUpScheduled(Guid SuggestionId, DateOnly FollowUpOn, DateOnly? PreviousFollowUpOn, DateOnly ScheduledOn);

public sealed record SuggestionFollowUpCleared(Guid SuggestionId, DateOnly PreviousFollowUpOn, DateOnly ClearedOn);

/// <summary>The reminder, appended once by the scheduler on the day of a follow-up that is still planned for that day.</summary>
public sealed record AskFollowUpDue(Guid SuggestionId, DateOnly FollowUpOn, Guid? ResponsibleId, string? ResponsibleName);

public sealed record Suggestion(Guid Id, Guid MeetingId, Guid RaisedById, Guid AddressedToId, string? Topic, string Text,
    DateOnly RaisedOn, IReadOnlyList<SuggestionResponse> Responses, SuggestionStatus Status, SuggestionOutcome? Outcome,
    string? ResolutionNote, DateOnly? ResolvedOn, DateOnly LastActivityOn, int Version, Guid? ResponsibleId = null,
    string? ResponsibleName = null, DateOnly? FollowUpOn = null, IReadOnlyList<DateOnly>? FollowUpsReminded = null)
{
    public static Suggestion Create(SuggestionRaised e) => new(e.SuggestionId, e.MeetingId, e.RaisedById, e.AddressedToId,
        e.Topic, e.Text, e.RaisedOn, [], SuggestionStatus.Open, null, null, null, e.RaisedOn, 1);

    /// <summary>
    /// A resolved ask takes no response, but as of a past day one recorded after a reopening and dated before the
    /// resolution comes after it: the ask stays resolved.
    /// </summary>
    public Suggestion Apply(SuggestionResponded e) => this with
    {
        Responses = [.. Responses, new SuggestionResponse(e.ResponseId, e.Text, e.RespondedOn)],
        Status = Status == SuggestionStatus.Resolved ? SuggestionStatus.Resolved : SuggestionStatus.Answered,
        LastActivityOn = Later(LastActivityOn, e.RespondedOn)
    };

    public Suggestion Apply(SuggestionResolved e) => this with
    {
        Status = SuggestionStatus.Resolved, Outcome = e.Outcome, ResolutionNote = e.Note, ResolvedOn = e.ResolvedOn,
        LastActivityOn = Later(LastActivityOn, e.ResolvedOn)
    };

    public Suggestion Apply(SuggestionReopened e) => this with
    {
        Status = Responses.Count > 0 ? SuggestionStatus.Answered : SuggestionStatus.Open, Outcome = null,
        ResolutionNote = null, ResolvedOn = null, LastActivityOn = Later(LastActivityOn, e.ReopenedOn)
    };

    public Suggestion Apply(SuggestionResponsibleAssigned e) => this with { ResponsibleId = e.ResponsibleId, ResponsibleName = e.ResponsibleName };

    public Suggestion Apply(SuggestionResponsibleUnassigned e) => this with { ResponsibleId = null, ResponsibleName = null };

    public Suggestion Apply(SuggestionFollowUpScheduled e) => this with { FollowUpOn = e.FollowUpOn };

    public Suggestion Apply(SuggestionFollowUpCleared e) => this with { FollowUpOn = null };

    public Suggestion Apply(AskFollowUpDue e) => this with { FollowUpsReminded = [.. FollowUpsReminded ?? [], e.FollowUpOn] };

    /// <summary>Whether the reminder for a follow-up on this day was already appended (a date moved back keeps it).</summary>
    public bool WasReminded(DateOnly followUpOn) => FollowUpsReminded?.Contains(followUpOn) == true;

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
