using Engagement.Tests.Support;

namespace Engagement.Tests.ReadModels;

public class commitment_listing(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task each_commitment_shows_its_status_owner_side_and_meeting_soonest_due_first()
    {
        var ministry = await Host.Organization("Ministry");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var meeting = await Host.Meeting("Follow-up", Today.AddDays(-60), [ministry, chamber]);
        var open = await Host.Commitment(meeting, ministry, Today.AddDays(15));
        var overdue = await Host.Commitment(meeting, chamber, Today.AddDays(-5));
        var fulfilled = await Host.Commitment(meeting, chamber, Today.AddDays(-30));
        await Host.Fulfil(fulfilled, Today.AddDays(-40));
        var cancelled = await Host.Commitment(meeting, ministry);
        await Host.Cancel(cancelled, Today.AddDays(-1));
        await Fixture.SettleAsync();

        var all = (await Host.GetOk("/api/commitments")).Array("items");

        Assert.Equal([fulfilled, overdue, open, cancelled], all.Select(c => c!.Value<Guid>("id")));
        Assert.Equal(["fulfilled", "overdue", "open", "cancelled"], all.Select(c => c!.Value<string>("status")));
        var o = all.WithId(overdue);
        Assert.Equal("The Chamber", o["owner"]!.Value<string>("name"));
        Assert.Equal("ours", o.Value<string>("side"));
        Assert.Equal("Follow-up", o["meeting"]!.Value<string>("title"));
        Assert.Equal(Today.AddDays(-4).Day(), o.Value<string>("fellOverdueOn"));
        Assert.Equal("theirs", all.WithId(open).Value<string>("side"));
        Assert.Equal(Today.AddDays(-40).Day(), all.WithId(fulfilled).Value<string>("closedOn"));
    }

    [Fact]
    public async Task commitments_filter_by_status_owner_and_due_before()
    {
        var ministry = await Host.Organization("Ministry");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var meeting = await Host.Meeting(Today.AddDays(-60), ministry, chamber);
        var soon = await Host.Commitment(meeting, ministry, Today.AddDays(5));
        var later = await Host.Commitment(meeting, chamber, Today.AddDays(50));
        var overdue = await Host.Commitment(meeting, chamber, Today.AddDays(-5));
        var undated = await Host.Commitment(meeting, ministry);
        await Fixture.SettleAsync();

        Assert.Equal([soon, later, undated], await Ids("/api/commitments?status=open"));
        Assert.Equal([overdue], await Ids("/api/commitments?status=overdue"));
        Assert.Equal([overdue, later], await Ids($"/api/commitments?ownerId={chamber}"));
        Assert.Equal([overdue, soon], await Ids($"/api/commitments?dueBefore={Today.AddDays(6).Day()}"));
        Assert.Equal([soon], await Ids($"/api/commitments?status=open&ownerId={ministry}&dueBefore={Today.AddDays(30).Day()}"));
    }

    [Fact]
    public async Task commitments_filter_by_several_statuses_due_soon_and_a_due_window()
    {
        var ministry = await Host.Organization("Ministry");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var meeting = await Host.Meeting(Today.AddDays(-60), ministry, chamber);
        var soon = await Host.Commitment(meeting, ministry, Today.AddDays(5));
        var later = await Host.Commitment(meeting, chamber, Today.AddDays(50));
        var overdue = await Host.Commitment(meeting, chamber, Today.AddDays(-5));
        var fulfilled = await Host.Commitment(meeting, ministry, Today.AddDays(3));
        await Host.Fulfil(fulfilled, Today.AddDays(-1));
        await Fixture.SettleAsync();

        Assert.Equal([soon], await Ids("/api/commitments?status=due-soon"));
        Assert.Equal([overdue, fulfilled, soon], await Ids("/api/commitments?status=overdue,due-soon,fulfilled"));
        Assert.Equal([fulfilled, soon], await Ids($"/api/commitments?dueFrom={Today.AddDays(3).Day()}&dueTo={Today.AddDays(5).Day()}"));
        Assert.Equal([later, soon, fulfilled, overdue], await Ids("/api/commitments?order=desc"));
        (await Host.GetJson($"/api/commitments?dueFrom={Today.Day()}&dueTo={Today.AddDays(-1).Day()}")).ShouldRejectField("dueTo");
    }

    [Fact]
    public async Task paging_through_commitments_visits_each_once_soonest_due_first()
    {
        var ministry = await Host.Organization("Ministry");
        var meeting = await Host.Meeting(Today.AddDays(-60), ministry);
        var made = new List<(Guid Id, DateOnly? DueOn)>();
        for (var i = 0; i < 6; i++)
        {
            DateOnly? dueOn = i % 3 == 0 ? null : Today.AddDays(10 * (i % 2) + 1);
            made.Add((await Host.Commitment(meeting, ministry, dueOn), dueOn));
        }

        var walked = await Engagement.Tests.Infrastructure.paging_lists.Walk(Host, "/api/commitments", 4,
            page => Assert.Equal(6, page.Value<int>("total")));
        Assert.Equal(made.OrderBy(c => c.DueOn ?? DateOnly.MaxValue).ThenBy(c => c.Id.ToString()).Select(c => c.Id),
            walked.Select(c => c.Value<Guid>("id")));
    }

    [Fact]
    public async Task unknown_filter_values_are_a_400_naming_each_field()
    {
        var response = await Host.GetJson("/api/commitments?status=late&ownerId=x&dueBefore=31-12-2026");
        response.ShouldRejectField("status");
        response.ShouldRejectField("ownerId");
        response.ShouldRejectField("dueBefore");
    }

    private async Task<List<Guid>> Ids(string url) =>
        [.. (await Host.GetOk(url)).Array("items").Select(c => c!.Value<Guid>("id"))];
}
