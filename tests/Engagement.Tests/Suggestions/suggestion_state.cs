using Engagement.Suggestions;

namespace Engagement.Tests.Suggestions;

public class suggestion_state
{
    private static readonly DateOnly RaisedOn = new(2026, 11, 1);

    private static Suggestion Raised() => Suggestion.Create(new SuggestionRaised(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        Guid.NewGuid(), "data", "Allow transfer of trial data", RaisedOn));

    private static DateOnly Day(int november) => new(2026, 11, november);

    [Fact]
    public void a_raised_suggestion_is_open_with_its_last_activity_the_day_it_was_raised()
    {
        var s = Raised();

        Assert.Equal((SuggestionStatus.Open, (SuggestionOutcome?)null, RaisedOn, 1), (s.Status, s.Outcome, s.LastActivityOn, s.Version));
        Assert.Empty(s.Responses);
    }

    [Fact]
    public void a_response_makes_it_answered_and_moves_the_last_activity()
    {
        var responseId = Guid.NewGuid();

        var s = Raised().Apply(new SuggestionResponded(Guid.Empty, responseId, "Studying it", Day(5)));

        Assert.Equal(SuggestionStatus.Answered, s.Status);
        Assert.Equal([new SuggestionResponse(responseId, "Studying it", Day(5))], s.Responses);
        Assert.Equal(Day(5), s.LastActivityOn);
    }

    [Fact]
    public void a_response_dated_earlier_than_the_last_activity_does_not_move_it_back()
    {
        var s = Raised()
            .Apply(new SuggestionResponded(Guid.Empty, Guid.NewGuid(), "late news", Day(9)))
            .Apply(new SuggestionResponded(Guid.Empty, Guid.NewGuid(), "recorded late", Day(3)));

        Assert.Equal(Day(9), s.LastActivityOn);
        Assert.Equal(2, s.Responses.Count);
    }

    [Fact]
    public void a_resolution_records_outcome_note_and_day()
    {
        var s = Raised().Apply(new SuggestionResolved(Guid.Empty, SuggestionOutcome.PartiallyAdopted, "In part", Day(10)));

        Assert.Equal((SuggestionStatus.Resolved, SuggestionOutcome.PartiallyAdopted, "In part", Day(10), Day(10)),
            (s.Status, s.Outcome, s.ResolutionNote, s.ResolvedOn, s.LastActivityOn));
    }

    [Fact]
    public void reopening_without_responses_makes_it_open_and_forgets_the_resolution()
    {
        var s = Raised()
            .Apply(new SuggestionResolved(Guid.Empty, SuggestionOutcome.Declined, "No", Day(10)))
            .Apply(new SuggestionReopened(Guid.Empty, "New minister", Day(12)));

        Assert.Equal((SuggestionStatus.Open, (SuggestionOutcome?)null, (string?)null, (DateOnly?)null, Day(12)),
            (s.Status, s.Outcome, s.ResolutionNote, s.ResolvedOn, s.LastActivityOn));
    }

    [Fact]
    public void reopening_with_responses_makes_it_answered()
    {
        var s = Raised()
            .Apply(new SuggestionResponded(Guid.Empty, Guid.NewGuid(), "Studying it", Day(5)))
            .Apply(new SuggestionResolved(Guid.Empty, SuggestionOutcome.Adopted, null, Day(10)))
            .Apply(new SuggestionReopened(Guid.Empty, "Not implemented after all", Day(20)));

        Assert.Equal(SuggestionStatus.Answered, s.Status);
        Assert.Null(s.Outcome);
        Assert.Single(s.Responses);
        Assert.Equal(Day(20), s.LastActivityOn);
    }
}
