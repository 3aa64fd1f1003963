using Engagement.Suggestions;

namespace Engagement.Tests.Suggestions;

public class suggestion_decisions
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static DateOnly Day(int november) => new(2026, 11, november);

    private static readonly Suggestion Open = Suggestion.Create(new SuggestionRaised(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        Guid.NewGuid(), "data", "Allow transfer of trial data", Day(1)));

    private static readonly Suggestion Answered = Open.Apply(new SuggestionResponded(Open.Id, Guid.NewGuid(), "Studying it", Day(10)));

    private static readonly Suggestion Resolved = Answered.Apply(new SuggestionResolved(Open.Id, SuggestionOutcome.PartiallyAdopted, null, Day(15)));

    [Fact]
    public void a_response_is_dated_today_unless_a_day_is_given_and_its_text_trimmed()
    {
        var decision = RespondToSuggestionEndpoint.Decide(Open, new RespondToSuggestion(" Studying it ", null), Today);

        var responded = Assert.IsType<SuggestionResponded>(Assert.Single(decision.Events));
        Assert.Equal((Open.Id, "Studying it", Today), (responded.SuggestionId, responded.Text, responded.RespondedOn));
        Assert.NotEqual(Guid.Empty, responded.ResponseId);
    }

    [Fact]
    public void an_answered_suggestion_takes_further_responses()
    {
        Assert.True(RespondToSuggestionEndpoint.Decide(Answered, new RespondToSuggestion("More", Day(11)), Today).IsAccepted);
    }

    [Fact]
    public void a_response_cannot_predate_the_suggestion()
    {
        var decision = RespondToSuggestionEndpoint.Decide(Open, new RespondToSuggestion("x", new DateOnly(2026, 10, 31)), Today);

        Assert.Equal(["must not be before the suggestion was raised (2026-11-01)"], decision.Rejection!.Errors!["respondedOn"]);
        Assert.True(RespondToSuggestionEndpoint.Decide(Open, new RespondToSuggestion("x", Day(1)), Today).IsAccepted);
    }

    [Fact]
    public void a_resolved_suggestion_takes_no_response()
    {
        var decision = RespondToSuggestionEndpoint.Decide(Resolved, new RespondToSuggestion("x", null), Today);

        Assert.Empty(decision.Events);
        Assert.Equal(409, decision.Rejection!.Status);
    }

    [Fact]
    public void an_open_suggestion_can_be_resolved_without_a_response()
    {
        var decision = ResolveSuggestionEndpoint.Decide(Open, new ResolveSuggestion(SuggestionOutcome.Withdrawn, " Dropped ", null), Today);

        Assert.Equal([new SuggestionResolved(Open.Id, SuggestionOutcome.Withdrawn, "Dropped", Today)], decision.Events);
    }

    [Fact]
    public void a_resolution_cannot_predate_the_last_activity()
    {
        var decision = ResolveSuggestionEndpoint.Decide(Answered, new ResolveSuggestion(SuggestionOutcome.Adopted, null, Day(9)), Today);

        Assert.Equal(["must not be before the suggestion's last activity (2026-11-10)"], decision.Rejection!.Errors!["resolvedOn"]);
        Assert.True(ResolveSuggestionEndpoint.Decide(Answered, new ResolveSuggestion(SuggestionOutcome.Adopted, null, Day(10)), Today)
            .IsAccepted);
    }

    [Fact]
    public void resolving_a_resolved_suggestion_is_a_conflict_naming_its_outcome()
    {
        var decision = ResolveSuggestionEndpoint.Decide(Resolved, new ResolveSuggestion(SuggestionOutcome.Adopted, null, null), Today);

        Assert.Empty(decision.Events);
        Assert.Equal(409, decision.Rejection!.Status);
        Assert.Contains("(partially-adopted)", decision.Rejection.Detail);
    }

    [Fact]
    public void a_resolved_suggestion_can_be_reopened_with_a_trimmed_reason()
    {
        var decision = ReopenSuggestionEndpoint.Decide(Resolved, new ReopenSuggestion(" New minister ", null), Today);

        Assert.Equal([new SuggestionReopened(Open.Id, "New minister", Today)], decision.Events);
    }

    [Fact]
    public void a_reopening_may_come_the_day_of_the_resolution_but_not_before()
    {
        Assert.True(ReopenSuggestionEndpoint.Decide(Resolved, new ReopenSuggestion("r", Day(15)), Today).IsAccepted);

        var decision = ReopenSuggestionEndpoint.Decide(Resolved, new ReopenSuggestion("r", Day(14)), Today);
        Assert.Equal(["must not be before the resolution (2026-11-15)"], decision.Rejection!.Errors!["reopenedOn"]);
    }

    [Fact]
    public void only_a_resolved_suggestion_can_be_reopened()
    {
        var open = ReopenSuggestionEndpoint.Decide(Open, new ReopenSuggestion("r", null), Today);
        var answered = ReopenSuggestionEndpoint.Decide(Answered, new ReopenSuggestion("r", null), Today);

        Assert.Equal((409, 409), (open.Rejection!.Status, answered.Rejection!.Status));
        Assert.EndsWith("still open.", open.Rejection.Detail);
        Assert.EndsWith("still answered.", answered.Rejection.Detail);
        Assert.Empty(open.Events);
        Assert.Empty(answered.Events);
    }
}
