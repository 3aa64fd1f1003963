namespace Engagement.Commitments;

public enum CommitmentStatus { Open, Fulfilled, Cancelled }

public sealed record CommitmentMade(Guid CommitmentId, Guid MeetingId, Guid OwnerId, string Description, DateOnly? DueOn,
    Guid? SuggestionId, DateOnly MadeOn);

public sealed record CommitmentProgressed(Guid CommitmentId, string Note, DateOnly NotedOn);

public sealed record CommitmentDueDateChanged(Guid CommitmentId, DateOnly? DueOn, DateOnly? PreviousDueOn, string? Reason,
    DateOnly ChangedOn);

public sealed record CommitmentFulfilled(Guid CommitmentId, string? Note, DateOnly FulfilledOn);

public sealed record CommitmentCancelled(Guid CommitmentId, string Reason, DateOnly CancelledOn);

/// <summary>Appended once when an open commitment's due date passes (again if a new due date passes too).</summary>
public sealed record CommitmentFellOverdue(Guid CommitmentId, DateOnly DueOn, DateOnly FellOverdueOn);

/// <summary>A staff user became responsible for seeing the commitment through, in place of <see cref="PreviousResponsibleId"/>.</summary>
public sealed record CommitmentResponsibleAssigned(Guid CommitmentId, Guid ResponsibleId, string ResponsibleName, Guid? PreviousResponsibleId,
    DateOnly AssignedOn);

public sealed record CommitmentResponsibleUnassigned(Guid CommitmentId, Guid PreviousResponsibleId, DateOnly UnassignedOn);

/// <summary>The reminder, appended once by the scheduler a set number of days before an open commitment's due date.</summary>
public sealed record CommitmentFallingDue(Guid CommitmentId, DateOnly DueOn, DateOnly RemindedOn, Guid? ResponsibleId, string? ResponsibleName);

public sealed record ProgressNote(string Note, DateOnly NotedOn);

public sealed record Commitment(Guid Id, Guid MeetingId, Guid OwnerId, string Description, DateOnly? DueOn, Guid? SuggestionId,
    DateOnly MadeOn, CommitmentStatus Status, IReadOnlyList<ProgressNote> Progress, DateOnly? ClosedOn, string? ClosingNote,
    DateOnly LastActivityOn, int Version, DateOnly? FellOverdueOn = null, Guid? ResponsibleId = null, string? ResponsibleName = null,
    IReadOnlyList<DateOnly>? DueDatesReminded = null)
{
    public static Commitment Create(CommitmentMade e) => new(e.CommitmentId, e.MeetingId, e.OwnerId, e.Description, e.DueOn,
        e.SuggestionId, e.MadeOn, CommitmentStatus.Open, [], null, null, e.MadeOn, 1);

    public Commitment Apply(CommitmentProgressed e) =>
        this with { Progress = [.. Progress, new ProgressNote(e.Note, e.NotedOn)], LastActivityOn = Later(e.NotedOn) };

    public Commitment Apply(CommitmentDueDateChanged e) =>
        this with { DueOn = e.DueOn, FellOverdueOn = null, LastActivityOn = Later(e.ChangedOn) };

    public Commitment Apply(CommitmentFellOverdue e) => this with { FellOverdueOn = e.FellOverdueOn };

    public Commitment Apply(CommitmentFulfilled e) => this with
    {
        Status = CommitmentStatus.Fulfilled, ClosedOn = e.FulfilledOn, ClosingNote = e.Note, LastActivityOn = Later(e.FulfilledOn)
    };

    public Commitment Apply(CommitmentCancelled e) => this with
    {
        Status = CommitmentStatus.Cancelled, ClosedOn = e.CancelledOn, ClosingNote = e.Reason, LastActivityOn = Later(e.CancelledOn)
    };

    public Commitment Apply(CommitmentResponsibleAssigned e) => this with { ResponsibleId = e.ResponsibleId, ResponsibleName = e.ResponsibleName };

    public Commitment Apply(CommitmentResponsibleUnassigned e) => this with { ResponsibleId = null, ResponsibleName = null };

    public Commitment Apply(CommitmentFallingDue e) => this with { DueDatesReminded = [.. DueDatesReminded ?? [], e.DueOn] };

    /// <summary>Whether the falling-due reminder for this due date was already appended (a date moved back keeps it).</summary>
    public bool WasReminded(DateOnly dueOn) => DueDatesReminded?.Contains(dueOn) == true;

    /// <summary>Open and past its due date, on the given day.</summary>
    public bool IsOverdueOn(DateOnly today) => Status == CommitmentStatus.Open && DueOn is { } due && due < today;

    private DateOnly Later(DateOnly day) => day > LastActivityOn ? day : LastActivityOn;
}
