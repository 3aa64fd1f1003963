using System.Text.Json;
using Engagement.Commitments;
using Engagement.Tests.Support;
using Marten;
using Wolverine;
using Wolverine.Tracking;

namespace Engagement.Tests.ReadModels;

public class overdue_commitments(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task a_due_date_schedules_a_durable_check_for_the_start_of_the_day_after()
    {
        var (meeting, ministry) = await Meeting();
        var due = Today.AddDays(10);
        var before = DateTimeOffset.UtcNow;
        var commitment = await Host.Commitment(meeting, ministry, due);
        await Fixture.SettleAsync();
        var after = DateTimeOffset.UtcNow;

        var (check, at) = Assert.Single(await ScheduledChecksOnceWritten(commitment, checks => checks.Count > 0));
        Assert.Equal(new CheckCommitmentOverdue(commitment, due, Today.AddDays(-20)), check);
        // The service's clock says how long to wait; Wolverine counts it down on the real clock.
        var wait = new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - Clock.GetUtcNow();
        Assert.InRange(at, before + wait, after + wait);
        Assert.Empty(await FellOverdue(commitment));
    }

    [Fact]
    public async Task the_check_after_the_due_date_appends_fell_overdue_once()
    {
        var (meeting, ministry) = await Meeting();
        var due = Today.AddDays(10);
        var commitment = await Host.Commitment(meeting, ministry, due);
        await Fixture.SettleAsync();
        var check = new CheckCommitmentOverdue(commitment, due, Today.AddDays(-20));

        Clock.SetToday(due.AddDays(3));
        await Host.InvokeMessageAndWaitAsync(check);
        await Host.InvokeMessageAndWaitAsync(check);

        var fell = Assert.Single(await FellOverdue(commitment));
        Assert.Equal(new CommitmentFellOverdue(commitment, due, due.AddDays(1)), fell);
        await Fixture.SettleAsync();
        var engagement = await Host.GetOk($"/api/engagement/{ministry}");
        Assert.Equal(1, engagement["stakeholder"]!.Value<int>("overdueCommitments"));
    }

    [Fact]
    public async Task a_check_on_the_due_date_itself_appends_nothing_and_asks_again_later()
    {
        var (meeting, ministry) = await Meeting();
        var due = Today.AddDays(10);
        var commitment = await Host.Commitment(meeting, ministry, due);
        await Fixture.SettleAsync();
        Assert.Single(await ScheduledChecksOnceWritten(commitment, checks => checks.Count > 0));

        Clock.SetToday(due);
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentOverdue(commitment, due, Today.AddDays(-20)));

        Assert.Empty(await FellOverdue(commitment));
        Assert.Equal(2, (await ScheduledChecks(commitment)).Count);
    }

    [Fact]
    public async Task a_commitment_recorded_with_a_due_date_already_past_falls_overdue_at_once()
    {
        var (meeting, ministry) = await Meeting();
        var due = Today.AddDays(-5);
        var commitment = await Host.Commitment(meeting, ministry, due);
        await Fixture.SettleAsync();

        Assert.Equal(new CommitmentFellOverdue(commitment, due, due.AddDays(1)), Assert.Single(await FellOverdue(commitment)));
        Assert.Empty(await ScheduledChecks(commitment));
    }

    [Fact]
    public async Task a_moved_due_date_falls_overdue_again_when_the_new_date_passes()
    {
        var (meeting, ministry) = await Meeting();
        var first = Today.AddDays(-5);
        var commitment = await Host.Commitment(meeting, ministry, first);
        await Fixture.SettleAsync();
        Assert.Single(await FellOverdue(commitment));

        var second = Today.AddDays(10);
        await Host.MoveDueDate(commitment, second);
        await Fixture.SettleAsync();
        var moved = new CheckCommitmentOverdue(commitment, second, Today);
        Assert.Equal(moved, Assert.Single(await ScheduledChecksOnceWritten(commitment, checks => checks.Any(c => c.Check == moved))).Check);

        Clock.SetToday(second.AddDays(1));
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentOverdue(commitment, first, Today.AddDays(-20)));
        Assert.Single(await FellOverdue(commitment));
        await Host.InvokeMessageAndWaitAsync(moved);

        Assert.Equal([first, second], (await FellOverdue(commitment)).Select(e => e.DueOn));
        Assert.Equal(second.AddDays(1), (await FellOverdue(commitment))[^1].FellOverdueOn);
    }

    [Fact]
    public async Task a_fulfilled_or_cancelled_commitment_never_falls_overdue()
    {
        var (meeting, ministry) = await Meeting();
        var due = Today.AddDays(10);
        var fulfilled = await Host.Commitment(meeting, ministry, due);
        var cancelled = await Host.Commitment(meeting, ministry, due);
        await Host.Fulfil(fulfilled, Today);
        await Host.Cancel(cancelled, Today);
        await Fixture.SettleAsync();

        Clock.SetToday(due.AddDays(1));
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentOverdue(fulfilled, due, Today.AddDays(-20)));
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentOverdue(cancelled, due, Today.AddDays(-20)));

        Assert.Empty(await FellOverdue(fulfilled));
        Assert.Empty(await FellOverdue(cancelled));
    }

    [Fact]
    public async Task dates_on_the_last_day_a_date_can_hold_are_never_due_and_stop_no_check_for_later_ones()
    {
        var ministry = await Host.Organization("Ministry");
        var member = await Host.Organization("Acme", "member");
        var meeting = await Host.Meeting(Today.AddDays(-20), ministry, member);
        var last = await Host.Commitment(meeting, ministry, DateOnly.MaxValue);
        var ask = await Host.Suggestion(meeting, member, ministry);
        await Host.PostOk($"/api/suggestions/{ask}/follow-up", new { followUpOn = DateOnly.MaxValue });
        await Fixture.SettleAsync();

        var due = Today.AddDays(10);
        var later = await Host.Commitment(meeting, ministry, due);
        await Fixture.SettleAsync();

        // The later commitment's check is written after the first one's would have been.
        Assert.Single(await ScheduledChecksOnceWritten(later, checks => checks.Count > 0));
        Assert.Empty(await ScheduledChecks(last));
        Assert.Equal(DateTimeOffset.MaxValue, OverdueRules.OverdueFrom(DateOnly.MaxValue));
        Assert.Equal(DateOnly.MinValue, Engagement.Work.ReminderRules.FallingDueFrom(DateOnly.MinValue.AddDays(2), 7));
    }

    private async Task<(Guid Meeting, Guid Ministry)> Meeting()
    {
        var ministry = await Host.Organization("Ministry");
        return (await Host.Meeting(Today.AddDays(-20), ministry), ministry);
    }

    private async Task<List<CommitmentFellOverdue>> FellOverdue(Guid commitmentId)
    {
        await using var session = Fixture.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(commitmentId)).Select(e => e.Data).OfType<CommitmentFellOverdue>()];
    }

    /// <summary>The checks waiting in Wolverine's durable inbox for this commitment, with when they will run.</summary>
    private async Task<List<(CheckCommitmentOverdue Check, DateTimeOffset At)>> ScheduledChecks(Guid commitmentId)
    {
        var incoming = await Host.GetRuntime().Storage.Admin.AllIncomingAsync();
        return
        [
            .. incoming.Where(e => e.Status == EnvelopeStatus.Scheduled && e.MessageType!.Contains(nameof(CheckCommitmentOverdue)))
                .Select(e => (Check: JsonSerializer.Deserialize<CheckCommitmentOverdue>(e.Data!, Web)!, At: e.ScheduledTime!.Value))
                .Where(x => x.Check.CommitmentId == commitmentId)
        ];
    }

    /// <summary>
    /// The scheduled checks once the subscription's are written: it schedules through Wolverine's outbox, which is
    /// flushed just after the subscription's progress is committed, so a settled store may not show them yet.
    /// </summary>
    private async Task<List<(CheckCommitmentOverdue Check, DateTimeOffset At)>> ScheduledChecksOnceWritten(Guid commitmentId,
        Func<List<(CheckCommitmentOverdue Check, DateTimeOffset At)>, bool> written)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var checks = await ScheduledChecks(commitmentId);
            if (written(checks) || DateTime.UtcNow > deadline) return checks;
            await Task.Delay(100);
        }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
