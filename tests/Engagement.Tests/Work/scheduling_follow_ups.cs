using Engagement.Suggestions;
using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;

namespace Engagement.Tests.Work;

public class scheduling_follow_ups(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task a_follow_up_date_is_set_moved_and_cleared_each_an_event()
    {
        var id = await Host.Ask(Today.AddDays(-3));

        await Host.PostOk($"/api/suggestions/{id}/follow-up", new { followUpOn = Today.AddDays(7) });
        Assert.Equal(Today.AddDays(7).Day(), (await Host.GetOk($"/api/suggestions/{id}")).Text("followUpOn"));
        await Host.PostOk($"/api/suggestions/{id}/follow-up", new { followUpOn = Today.AddDays(2) });
        Assert.Equal(Today.AddDays(2).Day(), (await Host.GetOk($"/api/asks")).Array("items")[0]!.Text("followUpOn"));
        Assert.Equal(200, (await Host.Delete($"/api/suggestions/{id}/follow-up", "\"3\"")).Status);
        Assert.Null((await Host.GetOk($"/api/suggestions/{id}"))["followUpOn"]);

        var history = (await Host.GetOk($"/api/suggestions/{id}/history")).AsArray().Skip(1).ToList();
        Assert.Equal(["suggestion_follow_up_scheduled", "suggestion_follow_up_scheduled", "suggestion_follow_up_cleared"],
            history.Select(e => e!.Text("type")));
        Assert.Equal(Today.AddDays(7).Day(), history[1]!["data"]!.Text("previousFollowUpOn"));
    }

    [Fact]
    public async Task a_follow_up_needs_a_date_not_before_today_and_honours_if_match()
    {
        var id = await Host.Ask(Today.AddDays(-3));

        await Host.PostRejectingField($"/api/suggestions/{id}/follow-up", new { followUpOn = (DateOnly?)null }, "followUpOn");
        Assert.Equal([$"must not be before today ({Today.Day()})"],
            await Host.PostRejectingField($"/api/suggestions/{id}/follow-up", new { followUpOn = Today.AddDays(-1) }, "followUpOn"));
        await Host.PostRefused($"/api/suggestions/{id}/follow-up", new { followUpOn = Today }, 412, s => s.WithRequestHeader("If-Match", "\"7\""));
        Assert.Equal(412, (await Host.Delete($"/api/suggestions/{id}/follow-up", "\"7\"")).Status);
        Assert.Equal(409, (await Host.Delete($"/api/suggestions/{id}/follow-up")).Status);
    }

    [Fact]
    public async Task a_resolved_ask_takes_no_follow_up()
    {
        var id = await Host.Ask(Today.AddDays(-3));
        await Host.Resolve(id, Today);

        await Host.PostRefused($"/api/suggestions/{id}/follow-up", new { followUpOn = Today.AddDays(3) }, 409);
    }

    private static Suggestion Open(DateOnly? followUpOn) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "Ask",
        new DateOnly(2026, 11, 1), [], SuggestionStatus.Open, null, null, null, new DateOnly(2026, 11, 1), 1, FollowUpOn: followUpOn);

    [Fact]
    public void the_same_date_again_is_a_conflict_and_a_move_names_the_date_before()
    {
        var today = new DateOnly(2026, 11, 24);
        Assert.Equal(409, ScheduleFollowUpEndpoint.Schedule(Open(today), new ScheduleFollowUp(today), today).Rejection!.Status);
        var moved = Assert.IsType<SuggestionFollowUpScheduled>(
            Assert.Single(ScheduleFollowUpEndpoint.Schedule(Open(today), new ScheduleFollowUp(today.AddDays(1)), today).Events));
        Assert.Equal(today, moved.PreviousFollowUpOn);
        Assert.Equal(409, ScheduleFollowUpEndpoint.Clear(Open(null), today).Rejection!.Status);
    }
}
