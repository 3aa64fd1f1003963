using System.Text.Json;
using Engagement.Commitments;
using Engagement.Suggestions;
using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;
using Engagement.Work;
using Marten;
using Wolverine;
using Wolverine.Tracking;

namespace Engagement.Tests.Work;

public class reminding_before_dates(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task a_due_date_schedules_a_durable_falling_due_check_seven_days_before()
    {
        var due = Today.AddDays(20);
        var commitment = await Host.Commitment(Today.AddDays(-5), due);
        await Fixture.SettleAsync();

        var (check, at) = Assert.Single(await Scheduled<CheckCommitmentFallingDue>(c => c.CommitmentId == commitment));
        Assert.Equal(new CheckCommitmentFallingDue(commitment, due), check);
        var wait = ReminderRules.StartOf(due.AddDays(-7)) - Clock.GetUtcNow();
        Assert.InRange(at, DateTimeOffset.UtcNow + wait - TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow + wait);
        Assert.Empty(await Reminders<CommitmentFallingDue>(commitment));
    }

    [Fact]
    public async Task the_check_appends_falling_due_once_and_it_shows_on_my_work_and_the_dashboard()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var due = Today.AddDays(20);
        var commitment = await Host.Commitment(Today.AddDays(-5), due);
        await Host.Assign("commitments", commitment, mei.Id);
        await Fixture.SettleAsync();

        Clock.SetToday(due.AddDays(-7));
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentFallingDue(commitment, due));
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentFallingDue(commitment, due));

        Assert.Equal(new CommitmentFallingDue(commitment, due, due.AddDays(-7), mei.Id, "Mei Chen"),
            Assert.Single(await Reminders<CommitmentFallingDue>(commitment)));
        var item = Assert.Single((await (await Host.SignInAgain(mei)).Get("/api/me/work")).Body.Array("items"))!;
        Assert.True(item.Value<bool>("reminded"));
        Assert.Equal(1, (await Host.GetOk("/api/dashboard"))["reminders"].Value<int>("commitmentsFallingDue"));
        Assert.Equal(0, (await Host.GetOk($"/api/dashboard?asOf={due.AddDays(-8).Day()}"))["reminders"].Value<int>("commitmentsFallingDue"));
    }

    [Fact]
    public async Task a_commitment_due_within_the_window_is_reminded_at_once_and_a_moved_date_gets_its_own_reminder()
    {
        var first = Today.AddDays(3);
        var commitment = await Host.Commitment(Today.AddDays(-5), first);
        Assert.Equal([first], (await Eventually<CommitmentFallingDue>(commitment, 1)).Select(r => r.DueOn));

        var second = Today.AddDays(5);
        await Host.MoveDueDate(commitment, second);
        await Eventually<CommitmentFallingDue>(commitment, 2);
        await Host.MoveDueDate(commitment, first);
        await Fixture.SettleAsync();
        // Stale or repeated checks, as a restart or a second node might run them, change nothing.
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentFallingDue(commitment, first));
        await Host.InvokeMessageAndWaitAsync(new CheckCommitmentFallingDue(commitment, second));

        Assert.Equal([first, second], (await Reminders<CommitmentFallingDue>(commitment)).Select(r => r.DueOn));
    }

    [Fact]
    public async Task a_follow_up_date_is_reminded_on_the_day_once_and_a_moved_date_is_checked_for_its_new_day()
    {
        var ask = await Host.Ask(Today.AddDays(-5));
        var first = Today.AddDays(4);
        await Host.PostOk($"/api/suggestions/{ask}/follow-up", new { followUpOn = first });
        await Fixture.SettleAsync();
        Assert.Single(await Scheduled<CheckAskFollowUpDue>(c => c.SuggestionId == ask && c.FollowUpOn == first));

        var second = Today.AddDays(6);
        await Host.PostOk($"/api/suggestions/{ask}/follow-up", new { followUpOn = second });
        await Fixture.SettleAsync();
        Assert.Single(await Scheduled<CheckAskFollowUpDue>(c => c.SuggestionId == ask && c.FollowUpOn == second));

        Clock.SetToday(second);
        await Host.InvokeMessageAndWaitAsync(new CheckAskFollowUpDue(ask, first));
        Assert.Empty(await Reminders<AskFollowUpDue>(ask));
        await Host.InvokeMessageAndWaitAsync(new CheckAskFollowUpDue(ask, second));
        await Host.InvokeMessageAndWaitAsync(new CheckAskFollowUpDue(ask, second));

        Assert.Equal(new AskFollowUpDue(ask, second, null, null), Assert.Single(await Reminders<AskFollowUpDue>(ask)));
        Assert.Equal(1, (await Host.GetOk("/api/dashboard"))["reminders"].Value<int>("followUpsDue"));
    }

    [Fact]
    public async Task a_follow_up_set_for_today_is_reminded_at_once_and_a_resolved_ask_is_not()
    {
        var today = await Host.Ask(Today.AddDays(-5));
        var resolved = await Host.Ask(Today.AddDays(-5));
        await Host.PostOk($"/api/suggestions/{today}/follow-up", new { followUpOn = Today });
        await Host.PostOk($"/api/suggestions/{resolved}/follow-up", new { followUpOn = Today.AddDays(1) });
        await Host.Resolve(resolved, Today);
        Assert.Single(await Eventually<AskFollowUpDue>(today, 1));
        Clock.SetToday(Today.AddDays(1));
        await Host.InvokeMessageAndWaitAsync(new CheckAskFollowUpDue(resolved, Today));
        Assert.Empty(await Reminders<AskFollowUpDue>(resolved));
    }

    private static Commitment Open(DateOnly? dueOn) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Promise", dueOn, null,
        new DateOnly(2026, 11, 1), CommitmentStatus.Open, [], null, null, new DateOnly(2026, 11, 1), 1);

    [Theory]
    [InlineData(-8, ReminderOutcome.NotYet)]
    [InlineData(-7, ReminderOutcome.Remind)]
    [InlineData(0, ReminderOutcome.Remind)]
    [InlineData(1, ReminderOutcome.NoLongerApplies)]
    public void a_commitment_is_reminded_from_seven_days_before_until_its_due_date(int daysFromDue, ReminderOutcome expected)
    {
        var due = new DateOnly(2026, 12, 10);
        Assert.Equal(expected, ReminderRules.Decide(Open(due), new CheckCommitmentFallingDue(Guid.Empty, due), due.AddDays(daysFromDue), 7).Outcome);
    }

    [Fact]
    public void a_date_reminded_of_once_is_never_reminded_again_nor_a_date_no_longer_planned()
    {
        var due = new DateOnly(2026, 12, 10);
        var reminded = Open(due) with { DueDatesReminded = [due] };
        Assert.Equal(ReminderOutcome.NoLongerApplies, ReminderRules.Decide(reminded, new CheckCommitmentFallingDue(reminded.Id, due), due, 7).Outcome);
        Assert.Equal(ReminderOutcome.NoLongerApplies,
            ReminderRules.Decide(Open(due.AddDays(1)), new CheckCommitmentFallingDue(Guid.Empty, due), due, 7).Outcome);
    }

    /// <summary>The stream's reminders once there are <paramref name="count"/> of them (a queued check runs a moment later).</summary>
    private async Task<List<T>> Eventually<T>(Guid streamId, int count)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            var found = await Reminders<T>(streamId);
            if (found.Count >= count) return found;
            await Task.Delay(50);
        }
        return await Reminders<T>(streamId);
    }

    private async Task<List<T>> Reminders<T>(Guid streamId)
    {
        await using var session = Fixture.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(streamId)).Select(e => e.Data).OfType<T>()];
    }

    /// <summary>
    /// The checks of this type waiting in Wolverine's durable inbox, with when they will run, once there is one: the
    /// subscriptions schedule through Wolverine's outbox, which is flushed just after their progress is committed, so a
    /// settled store may not show them yet.
    /// </summary>
    private async Task<List<(T Check, DateTimeOffset At)>> Scheduled<T>(Func<T, bool> which)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var incoming = await Host.GetRuntime().Storage.Admin.AllIncomingAsync();
            List<(T Check, DateTimeOffset At)> found =
            [
                .. incoming.Where(e => e.Status == EnvelopeStatus.Scheduled && e.MessageType!.Contains(typeof(T).Name))
                    .Select(e => (Check: JsonSerializer.Deserialize<T>(e.Data!, Web)!, At: e.ScheduledTime!.Value))
                    .Where(x => which(x.Check))
            ];
            if (found.Count > 0 || DateTime.UtcNow > deadline) return found;
            await Task.Delay(100);
        }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
