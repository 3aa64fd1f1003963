using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;
using Engagement.Work;

namespace Engagement.Tests.Work;

public class my_work(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task my_work_lists_my_open_asks_my_commitments_due_soon_or_overdue_and_my_meetings_most_pressing_first()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var tom = await Host.ActiveUser("Tom Baker");
        var later = await Host.Ask(Today.AddDays(-10));
        var undated = await Host.Ask(Today.AddDays(-10));
        var resolved = await Host.Ask(Today.AddDays(-10));
        var toms = await Host.Ask(Today.AddDays(-10));
        var overdue = await Host.Commitment(Today.AddDays(-10), Today.AddDays(-2));
        var dueSoon = await Host.Commitment(Today.AddDays(-10), Today.AddDays(3));
        var farOff = await Host.Commitment(Today.AddDays(-10), Today.AddDays(30));
        foreach (var ask in new[] { later, undated, resolved }) await Host.Assign("suggestions", ask, mei.Id);
        await Host.Assign("suggestions", toms, tom.Id);
        foreach (var commitment in new[] { overdue, dueSoon, farOff }) await Host.Assign("commitments", commitment, mei.Id);
        await Host.PostOk($"/api/suggestions/{later}/follow-up", new { followUpOn = Today.AddDays(1) });
        await Host.Resolve(resolved, Today);
        await Fixture.SettleAsync();
        var (_, logged) = await mei.Send(HttpMethod.Post, "/api/meetings",
            new { title = "Mei's meeting", heldOn = Today.AddDays(-1), organizationIds = new[] { await Host.Organization("Ministry of Trade") } });
        var meeting = logged!["id"]!.GetValue<Guid>();
        await Host.Meeting(Today, await Host.Organization("Logged by the admin key"));

        var (status, work) = await mei.Get("/api/me/work");

        Assert.Equal(200, status);
        Assert.Equal(mei.Id, work!["user"]!["id"]!.GetValue<Guid>());
        var items = work.Array("items").Select(i => (i!["id"]!.GetValue<Guid>(), i.Text("kind"), i.Text("urgency"))).ToList();
        Assert.Equal([(overdue, "commitment", "overdue"), (later, "ask", "soon"), (dueSoon, "commitment", "soon"), (undated, "ask", "undated"),
            (meeting, "meeting", "logged")], items);
        Assert.Equal("/commitments/" + overdue, work.Array("items")[0]!.Text("path"));
        var counts = work["counts"]!;
        Assert.Equal((2, 0, 1, 1, 1), (counts.Value<int>("openAsks"), counts.Value<int>("followUpsDue"), counts.Value<int>("commitmentsDueSoon"),
            counts.Value<int>("commitmentsOverdue"), counts.Value<int>("meetingsThisWeek")));
    }

    [Fact]
    public async Task an_api_key_is_no_user_and_has_no_work()
    {
        var work = await Host.GetOk("/api/me/work");

        Assert.Null(work["user"]);
        Assert.Empty(work.Array("items"));
    }

    [Fact]
    public void the_week_starts_on_monday_and_urgency_follows_the_date()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), MyWorkRules.WeekFrom(new DateOnly(2026, 11, 24)));
        Assert.Equal(new DateOnly(2026, 11, 23), MyWorkRules.WeekFrom(new DateOnly(2026, 11, 29)));
        Assert.Equal(new DateOnly(2026, 11, 30), MyWorkRules.WeekFrom(new DateOnly(2026, 11, 30)));
        var today = new DateOnly(2026, 11, 24);
        Assert.Equal([Urgency.Overdue, Urgency.Due, Urgency.Soon, Urgency.Later, Urgency.Undated],
            new DateOnly?[] { today.AddDays(-1), today, today.AddDays(7), today.AddDays(8), null }.Select(d => MyWorkRules.Of(d, today, 7)));
    }
}
