using Engagement.Commitments;
using Engagement.Infrastructure;
using Engagement.Meetings;

namespace Engagement.Tests.Commitments;

public class commitment_decisions
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static DateOnly Day(int november) => new(2026, 11, november);

    private static readonly Meeting Meeting = Engagement.Meetings.Meeting.Create(new MeetingLogged(Guid.NewGuid(), "Dialogue", Day(1), null,
        [Guid.NewGuid()], [], [], null, null));

    private static readonly Commitment Open =
        Commitment.Create(new CommitmentMade(Guid.NewGuid(), Meeting.Id, Guid.NewGuid(), "Send the draft", Day(20), null, Day(1)));

    private static readonly Commitment Fulfilled = Open.Apply(new CommitmentFulfilled(Open.Id, null, Day(10)));

    private static readonly Commitment Cancelled = Open.Apply(new CommitmentCancelled(Open.Id, "Dropped", Day(10)));

    private static void ShouldBeRefused(Decision decision, int status, string? field = null)
    {
        Assert.Empty(decision.Events);
        Assert.Equal(status, decision.Rejection!.Status);
        if (field is not null) Assert.True(decision.Rejection.Errors!.ContainsKey(field));
    }

    [Fact]
    public void a_commitment_is_made_on_the_day_of_the_meeting_with_a_trimmed_description()
    {
        var id = Guid.NewGuid();
        var owner = Guid.NewGuid();
        var suggestion = Guid.NewGuid();

        var decision = MakeCommitmentEndpoint.Decide(Meeting, id, new MakeCommitment(owner, " Send the draft ", Day(30), suggestion));

        Assert.Equal([new CommitmentMade(id, Meeting.Id, owner, "Send the draft", Day(30), suggestion, Day(1))], decision.Events);
    }

    [Fact]
    public void a_commitment_may_have_no_due_date_or_one_on_the_day_of_the_meeting()
    {
        Assert.True(MakeCommitmentEndpoint.Decide(Meeting, Guid.NewGuid(), new MakeCommitment(Guid.NewGuid(), "x", null, null)).IsAccepted);
        Assert.True(MakeCommitmentEndpoint.Decide(Meeting, Guid.NewGuid(), new MakeCommitment(Guid.NewGuid(), "x", Day(1), null)).IsAccepted);
    }

    [Fact]
    public void a_commitment_cannot_be_due_before_the_meeting()
    {
        var decision = MakeCommitmentEndpoint.Decide(Meeting, Guid.NewGuid(), new MakeCommitment(Guid.NewGuid(), "x", new DateOnly(2026, 10, 31), null));

        ShouldBeRefused(decision, 400, "dueOn");
    }

    [Fact]
    public void progress_is_dated_today_unless_a_day_is_given()
    {
        Assert.Equal([new CommitmentProgressed(Open.Id, "Draft written", Today)],
            CommitmentDecisions.Progress(Open, new RecordProgress(" Draft written ", null), Today).Events);
        Assert.Equal([new CommitmentProgressed(Open.Id, "Draft written", Day(1))],
            CommitmentDecisions.Progress(Open, new RecordProgress("Draft written", Day(1)), Today).Events);
    }

    [Fact]
    public void progress_cannot_predate_the_commitment()
    {
        ShouldBeRefused(CommitmentDecisions.Progress(Open, new RecordProgress("x", new DateOnly(2026, 10, 31)), Today), 400, "notedOn");
    }

    [Fact]
    public void a_new_due_date_records_the_previous_one_the_reason_and_today()
    {
        var decision = CommitmentDecisions.ChangeDueDate(Open, new ChangeDueDate(Day(30), " Legal review "), Today);

        Assert.Equal([new CommitmentDueDateChanged(Open.Id, Day(30), Day(20), "Legal review", Today)], decision.Events);
    }

    [Fact]
    public void a_due_date_may_move_earlier_but_not_before_the_commitment_was_made()
    {
        Assert.True(CommitmentDecisions.ChangeDueDate(Open, new ChangeDueDate(Day(1), null), Today).IsAccepted);
        ShouldBeRefused(CommitmentDecisions.ChangeDueDate(Open, new ChangeDueDate(new DateOnly(2026, 10, 31), null), Today), 400, "dueOn");
    }

    [Fact]
    public void the_same_due_date_again_is_a_conflict()
    {
        ShouldBeRefused(CommitmentDecisions.ChangeDueDate(Open, new ChangeDueDate(Day(20), "again"), Today), 409);
    }

    [Fact]
    public void fulfilment_is_dated_today_unless_a_day_is_given_and_keeps_the_note()
    {
        Assert.Equal([new CommitmentFulfilled(Open.Id, "Published", Today)],
            CommitmentDecisions.Fulfil(Open, new FulfilCommitment(" Published ", null), Today).Events);
        Assert.Equal([new CommitmentFulfilled(Open.Id, null, Day(5))],
            CommitmentDecisions.Fulfil(Open, new FulfilCommitment(null, Day(5)), Today).Events);
        ShouldBeRefused(CommitmentDecisions.Fulfil(Open, new FulfilCommitment(null, new DateOnly(2026, 10, 31)), Today), 400, "fulfilledOn");
    }

    [Fact]
    public void cancellation_is_dated_today_unless_a_day_is_given_and_keeps_the_reason()
    {
        Assert.Equal([new CommitmentCancelled(Open.Id, "Policy changed", Today)],
            CommitmentDecisions.Cancel(Open, new CancelCommitment(" Policy changed ", null), Today).Events);
        ShouldBeRefused(CommitmentDecisions.Cancel(Open, new CancelCommitment("r", new DateOnly(2026, 10, 31)), Today), 400, "cancelledOn");
    }

    [Fact]
    public void a_fulfilled_commitment_takes_no_further_decision()
    {
        ShouldBeRefused(CommitmentDecisions.Progress(Fulfilled, new RecordProgress("x", null), Today), 409);
        ShouldBeRefused(CommitmentDecisions.ChangeDueDate(Fulfilled, new ChangeDueDate(Day(30), null), Today), 409);
        ShouldBeRefused(CommitmentDecisions.Fulfil(Fulfilled, new FulfilCommitment(null, null), Today), 409);
        ShouldBeRefused(CommitmentDecisions.Cancel(Fulfilled, new CancelCommitment("r", null), Today), 409);
    }

    [Fact]
    public void fulfilling_a_cancelled_commitment_is_a_conflict_that_says_so()
    {
        var decision = CommitmentDecisions.Fulfil(Cancelled, new FulfilCommitment("Done after all", null), Today);

        ShouldBeRefused(decision, 409);
        Assert.Equal("Cannot fulfil a commitment that is cancelled.", decision.Rejection!.Detail);
        ShouldBeRefused(CommitmentDecisions.Cancel(Cancelled, new CancelCommitment("r", null), Today), 409);
        ShouldBeRefused(CommitmentDecisions.Progress(Cancelled, new RecordProgress("x", null), Today), 409);
    }
}
