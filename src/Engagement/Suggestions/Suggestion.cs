namespace Engagement.Suggestions;

public enum SuggestionStatus { Open, Answered, Resolved }

public enum SuggestionOutcome { Adopted, PartiallyAdopted, Declined, Withdrawn }

public sealed record SuggestionRaised(Guid SuggestionId, Guid MeetingId, Guid RaisedById, Guid AddressedToId, string? Topic,
    string Text, DateOnly RaisedOn);

public sealed record SuggestionResponded(Guid SuggestionId, Guid ResponseId, string Text, DateOnly RespondedOn);

public sealed record SuggestionResolved(Guid SuggestionId, SuggestionOutcome Outcome, string? Note, DateOnly ResolvedOn);

public sealed record SuggestionReopened(Guid SuggestionId, string Reason, DateOnly ReopenedOn);

public sealed record SuggestionResponse(Guid Id, string Text, DateOnly RespondedOn);

public sealed record Suggestion(Guid Id, Guid MeetingId, Guid RaisedById, Guid AddressedToId, string? Topic, string Text,
    DateOnly RaisedOn, IReadOnlyList<SuggestionResponse> Responses, SuggestionStatus Status, SuggestionOutcome? Outcome,
    string? ResolutionNote, DateOnly? ResolvedOn, DateOnly LastActivityOn, int Version)
{
    public static Suggestion Create(SuggestionRaised e) => new(e.SuggestionId, e.MeetingId, e.RaisedById, e.AddressedToId,
        e.Topic, e.Text, e.RaisedOn, [], SuggestionStatus.Open, null, null, null, e.RaisedOn, 1);

    public Suggestion Apply(SuggestionResponded e) => this with
    {
        Responses = [.. Responses, new SuggestionResponse(e.ResponseId, e.Text, e.RespondedOn)],
        Status = SuggestionStatus.Answered,
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

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
