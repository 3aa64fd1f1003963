using Engagement.Commitments;

namespace Engagement.Tests.Commitments;

public class commitment_state
{
    private static DateOnly Day(int november) => new(2026, 11, november);

    private static Commitment Made(DateOnly? dueOn) =>
        Commitment.Create(new CommitmentMade(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Send the draft", dueOn, null, Day(1)));

    [Fact]
    public void a_made_commitment_is_open_with_its_last_activity_the_day_it_was_made()
    {
        var c = Made(Day(10));

        Assert.Equal((CommitmentStatus.Open, Day(1), Day(1), (DateOnly?)Day(10), 1), (c.Status, c.MadeOn, c.LastActivityOn, c.DueOn, c.Version));
        Assert.Empty(c.Progress);
        Assert.Null(c.FellOverdueOn);
    }

    [Fact]
    public void an_open_commitment_is_overdue_only_after_its_due_day()
    {
        var c = Made(Day(10));

        Assert.False(c.IsOverdueOn(Day(9)));
        Assert.False(c.IsOverdueOn(Day(10)));
        Assert.True(c.IsOverdueOn(Day(11)));
    }

    [Fact]
    public void without_a_due_date_nothing_is_overdue()
    {
        Assert.False(Made(null).IsOverdueOn(new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void fulfilled_or_cancelled_commitments_are_never_overdue()
    {
        var fulfilled = Made(Day(10)).Apply(new CommitmentFulfilled(Guid.Empty, "Done", Day(20)));
        var cancelled = Made(Day(10)).Apply(new CommitmentCancelled(Guid.Empty, "Dropped", Day(20)));

        Assert.False(fulfilled.IsOverdueOn(Day(25)));
        Assert.False(cancelled.IsOverdueOn(Day(25)));
        Assert.Equal((CommitmentStatus.Fulfilled, (DateOnly?)Day(20), "Done"), (fulfilled.Status, fulfilled.ClosedOn, fulfilled.ClosingNote));
        Assert.Equal((CommitmentStatus.Cancelled, (DateOnly?)Day(20), "Dropped"), (cancelled.Status, cancelled.ClosedOn, cancelled.ClosingNote));
    }

    [Fact]
    public void progress_is_kept_in_order_and_moves_the_last_activity_only_forward()
    {
        var c = Made(null)
            .Apply(new CommitmentProgressed(Guid.Empty, "Draft written", Day(12)))
            .Apply(new CommitmentProgressed(Guid.Empty, "Recorded late", Day(5)));

        Assert.Equal([new ProgressNote("Draft written", Day(12)), new ProgressNote("Recorded late", Day(5))], c.Progress);
        Assert.Equal(Day(12), c.LastActivityOn);
    }

    [Fact]
    public void falling_overdue_is_remembered_until_the_due_date_changes()
    {
        var overdue = Made(Day(10)).Apply(new CommitmentFellOverdue(Guid.Empty, Day(10), Day(11)));
        Assert.Equal(Day(11), overdue.FellOverdueOn);

        var extended = overdue.Apply(new CommitmentDueDateChanged(Guid.Empty, Day(30), Day(10), "More time", Day(12)));

        Assert.Null(extended.FellOverdueOn);
        Assert.Equal(Day(30), extended.DueOn);
        Assert.Equal(Day(12), extended.LastActivityOn);
        Assert.False(extended.IsOverdueOn(Day(24)));
    }
}
