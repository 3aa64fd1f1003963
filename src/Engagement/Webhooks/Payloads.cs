using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;
using Engagement.Organizations;
using Engagement.People;
using Engagement.Suggestions;
using Engagement.Work;

namespace Engagement.Webhooks;

/// <summary>
/// What a delivery and the pull feed carry: the public contract, kept apart from the internal event records so either
/// can change without the other. Add fields; never rename or remove one.
/// </summary>
public sealed record EventEnvelope(string Type, DateTimeOffset Timestamp, long Sequence, string? RecordedBy, object Data);

public sealed record SuggestionSummary(Guid Id, string? Topic, string Text);

public sealed record CommitmentSummary(Guid Id, string Description, Guid? SuggestionId);

public sealed record WebhookSummary(Guid Id, string Url);

public sealed record ResponseSummary(Guid Id, string Text);

public sealed record OrganizationRegisteredData(Ref Organization, OrganizationKind Kind, string? Country, string? Website,
    DateOnly RegisteredOn);

public sealed record OrganizationRenamedData(Ref Organization, string? PreviousName, DateOnly RenamedOn);

public sealed record OrganizationRegisterIdChangedData(Ref Organization, string? RegisterId, string? PreviousRegisterId, DateOnly ChangedOn);

public sealed record OrganizationMergedData(Ref Organization, Ref Survivor, string Reason, DateOnly MergedOn);

public sealed record PersonRegisteredData(Ref Person, string? Title, Ref Organization, DateOnly Since);

public sealed record PersonPostChangedData(Ref Person, string? Title, Ref Organization, DateOnly Since);

/// <summary>No reason and no former name: the erasure's record stays with the service.</summary>
public sealed record PersonErasedData(Ref Person, DateOnly ErasedOn);

public sealed record MeetingNoteMaskedData(Ref Meeting, Guid NoteId, Ref Person, string Text, DateOnly MaskedOn);

public sealed record MeetingLoggedData(Ref Meeting, DateOnly HeldOn, string? Location, IReadOnlyList<Ref> Organizations,
    IReadOnlyList<Ref> Participants, IReadOnlyList<string> Topics, string? Summary, string? SourceUrl);

public sealed record MeetingNoteAddedData(Ref Meeting, Guid NoteId, string Text, DateOnly NotedOn);

public sealed record MeetingCorrectedData(Ref Meeting, string? Title, string? Location, IReadOnlyList<string>? Topics,
    string? Summary, string? SourceUrl, string Reason, DateOnly CorrectedOn);

public sealed record SuggestionRaisedData(SuggestionSummary Suggestion, Ref Meeting, Ref RaisedBy, Ref AddressedTo, DateOnly RaisedOn);

public sealed record SuggestionRespondedData(SuggestionSummary Suggestion, Ref Meeting, Ref RaisedBy, Ref AddressedTo,
    ResponseSummary Response, DateOnly RespondedOn);

public sealed record SuggestionResolvedData(SuggestionSummary Suggestion, Ref Meeting, Ref RaisedBy, Ref AddressedTo,
    SuggestionOutcome Outcome, string? Note, DateOnly ResolvedOn);

public sealed record SuggestionReopenedData(SuggestionSummary Suggestion, Ref Meeting, Ref RaisedBy, Ref AddressedTo, string Reason,
    DateOnly ReopenedOn);

public sealed record CommitmentMadeData(CommitmentSummary Commitment, Ref Meeting, Ref Owner, DateOnly? DueOn, DateOnly MadeOn);

public sealed record CommitmentProgressedData(CommitmentSummary Commitment, Ref Meeting, Ref Owner, string Note, DateOnly NotedOn);

public sealed record CommitmentDueDateChangedData(CommitmentSummary Commitment, Ref Meeting, Ref Owner, DateOnly? DueOn,
    DateOnly? PreviousDueOn, string? Reason, DateOnly ChangedOn);

public sealed record CommitmentFulfilledData(CommitmentSummary Commitment, Ref Meeting, Ref Owner, string? Note, DateOnly FulfilledOn);

public sealed record CommitmentCancelledData(CommitmentSummary Commitment, Ref Meeting, Ref Owner, string Reason, DateOnly CancelledOn);

public sealed record CommitmentOverdueData(CommitmentSummary Commitment, Ref Meeting, Ref Owner, DateOnly DueOn, DateOnly FellOverdueOn);

public sealed record CommitmentFallingDueData(CommitmentSummary Commitment, Ref Meeting, Ref Owner, DateOnly DueOn, DateOnly RemindedOn,
    Ref? Responsible);

public sealed record SuggestionFollowUpDueData(SuggestionSummary Suggestion, Ref Meeting, Ref RaisedBy, Ref AddressedTo, DateOnly FollowUpOn,
    Ref? Responsible);

public sealed record WebhookDisabledData(WebhookSummary Webhook, DisabledCause Cause, string Reason, DateTimeOffset DisabledAt);

public static class Payloads
{
    /// <summary>The <c>data</c> of an envelope: the event's facts with every id beside the name it has now.</summary>
    public static object Data(object e, Lookup names) => e switch
    {
        OrganizationRegistered x => new OrganizationRegisteredData(new Ref(x.OrganizationId, x.Name), x.Kind, x.Country, x.Website,
            x.RegisteredOn),
        OrganizationRenamed x => new OrganizationRenamedData(new Ref(x.OrganizationId, x.Name), x.PreviousName, x.RenamedOn),
        OrganizationRegisterIdChanged x => new OrganizationRegisterIdChangedData(names.Organization(x.OrganizationId), x.RegisterId,
            x.PreviousRegisterId, x.ChangedOn),
        OrganizationMerged x => new OrganizationMergedData(names.Organization(x.OrganizationId), names.Organization(x.SurvivorId), x.Reason,
            x.MergedOn),
        PersonRegistered x => new PersonRegisteredData(new Ref(x.PersonId, x.Name), x.Title, names.Organization(x.OrganizationId), x.Since),
        PersonChangedPost x => new PersonPostChangedData(names.Person(x.PersonId), x.Title, names.Organization(x.OrganizationId), x.Since),
        PersonErased x => new PersonErasedData(new Ref(x.PersonId, PersonalData.ErasedName), x.ErasedOn),
        MeetingNoteMasked x => new MeetingNoteMaskedData(names.Meeting(x.MeetingId), x.NoteId, new Ref(x.PersonId, PersonalData.ErasedName),
            x.Text, x.MaskedOn),
        MeetingLogged x => new MeetingLoggedData(new Ref(x.MeetingId, x.Title), x.HeldOn, x.Location,
            [.. x.OrganizationIds.Select(names.Organization)], [.. x.ParticipantIds.Select(names.Person)], x.Topics, x.Summary,
            x.SourceUrl),
        MeetingNoteAdded x => new MeetingNoteAddedData(names.Meeting(x.MeetingId), x.NoteId, x.Text, x.NotedOn),
        MeetingCorrected x => new MeetingCorrectedData(x.Title is { } title ? new Ref(x.MeetingId, title) : names.Meeting(x.MeetingId),
            x.Title, x.Location, x.Topics, x.Summary, x.SourceUrl, x.Reason, x.CorrectedOn),
        SuggestionRaised x => new SuggestionRaisedData(new SuggestionSummary(x.SuggestionId, x.Topic, x.Text), names.Meeting(x.MeetingId),
            names.Organization(x.RaisedById), names.Organization(x.AddressedToId), x.RaisedOn),
        SuggestionResponded x => Suggestion(names, x.SuggestionId, (s, m, by, to) =>
            new SuggestionRespondedData(s, m, by, to, new ResponseSummary(x.ResponseId, x.Text), x.RespondedOn)),
        SuggestionResolved x => Suggestion(names, x.SuggestionId, (s, m, by, to) =>
            new SuggestionResolvedData(s, m, by, to, x.Outcome, x.Note, x.ResolvedOn)),
        SuggestionReopened x => Suggestion(names, x.SuggestionId, (s, m, by, to) =>
            new SuggestionReopenedData(s, m, by, to, x.Reason, x.ReopenedOn)),
        CommitmentMade x => new CommitmentMadeData(new CommitmentSummary(x.CommitmentId, x.Description, x.SuggestionId),
            names.Meeting(x.MeetingId), names.Organization(x.OwnerId), x.DueOn, x.MadeOn),
        CommitmentProgressed x => Commitment(names, x.CommitmentId, (c, m, owner) =>
            new CommitmentProgressedData(c, m, owner, x.Note, x.NotedOn)),
        CommitmentDueDateChanged x => Commitment(names, x.CommitmentId, (c, m, owner) =>
            new CommitmentDueDateChangedData(c, m, owner, x.DueOn, x.PreviousDueOn, x.Reason, x.ChangedOn)),
        CommitmentFulfilled x => Commitment(names, x.CommitmentId, (c, m, owner) =>
            new CommitmentFulfilledData(c, m, owner, x.Note, x.FulfilledOn)),
        CommitmentCancelled x => Commitment(names, x.CommitmentId, (c, m, owner) =>
            new CommitmentCancelledData(c, m, owner, x.Reason, x.CancelledOn)),
        CommitmentFellOverdue x => Commitment(names, x.CommitmentId, (c, m, owner) =>
            new CommitmentOverdueData(c, m, owner, x.DueOn, x.FellOverdueOn)),
        CommitmentFallingDue x => Commitment(names, x.CommitmentId, (c, m, owner) =>
            new CommitmentFallingDueData(c, m, owner, x.DueOn, x.RemindedOn, Responsibles.RefTo(x.ResponsibleId, x.ResponsibleName))),
        AskFollowUpDue x => Suggestion(names, x.SuggestionId, (s, m, by, to) =>
            new SuggestionFollowUpDueData(s, m, by, to, x.FollowUpOn, Responsibles.RefTo(x.ResponsibleId, x.ResponsibleName))),
        WebhookDisabled x => new WebhookDisabledData(new WebhookSummary(x.WebhookId, x.Url), x.Cause, x.Reason, x.DisabledAt),
        _ => throw new ArgumentException($"{e.GetType().Name} is not in the webhook event catalogue.", nameof(e))
    };

    private static object Suggestion(Lookup names, Guid id, Func<SuggestionSummary, Ref, Ref, Ref, object> data)
    {
        var s = names.Suggestion(id);
        return s is null
            ? data(new SuggestionSummary(id, null, Lookup.Unknown), Lookup.UnknownRef, Lookup.UnknownRef, Lookup.UnknownRef)
            : data(new SuggestionSummary(s.Id, s.Topic, s.Text), names.Meeting(s.MeetingId), names.Organization(s.RaisedById),
                names.Organization(s.AddressedToId));
    }

    private static object Commitment(Lookup names, Guid id, Func<CommitmentSummary, Ref, Ref, object> data)
    {
        var c = names.Commitment(id);
        return c is null
            ? data(new CommitmentSummary(id, Lookup.Unknown, null), Lookup.UnknownRef, Lookup.UnknownRef)
            : data(new CommitmentSummary(c.Id, c.Description, c.SuggestionId), names.Meeting(c.MeetingId), names.Organization(c.OwnerId));
    }
}
