using Engagement.Tests.Support;

namespace Engagement.Tests.ReadModels;

public class engagement_status(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task each_figure_counts_the_stakeholders_meetings_asks_and_commitments()
    {
        var ministry = await Host.Organization("Ministry of Science and Technology");
        var bureau = await Host.Organization("Bureau of Trade");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var acme = await Host.Organization("Acme", "member");
        var globex = await Host.Organization("Globex", "member");

        var recent = await Host.Meeting("Recent", Today.AddDays(-10), [ministry, chamber, acme]);
        var older = await Host.Meeting("Older", Today.AddDays(-100), [ministry, globex]);
        await Host.Meeting("Last year", Today.AddDays(-400), [ministry]);
        var withBureau = await Host.Meeting("Bureau", Today.AddDays(-200), [bureau, chamber]);

        await Host.Suggestion(recent, acme, ministry);
        await Host.Respond(await Host.Suggestion(recent, acme, ministry), Today.AddDays(-5));
        await Host.Resolve(await Host.Suggestion(older, globex, ministry), Today.AddDays(-90));
        await Host.Suggestion(withBureau, chamber, bureau);

        await Host.Commitment(recent, ministry, Today.AddDays(30));
        await Host.Commitment(recent, chamber, Today.AddDays(10));
        await Host.Commitment(older, globex, Today.AddDays(-50));
        await Host.Fulfil(await Host.Commitment(older, ministry), Today.AddDays(-80));
        await Fixture.SettleAsync();

        var list = await Host.GetOk("/api/engagement");
        Assert.Equal(Today.Day(), list.Value<string>("asOf"));
        var stakeholders = list.Array("items");
        Assert.Equal(["Bureau of Trade", "Ministry of Science and Technology"],
            stakeholders.Select(s => s!["organization"]!["name"]!.GetValue<string>()));

        var m = stakeholders.Single("organization", ministry);
        Assert.Equal(Today.AddDays(-10).Day(), m.Value<string>("lastMetOn"));
        Assert.Equal(10, m.Value<int>("daysSinceLastMet"));
        Assert.Equal(3, m.Value<int>("meetings"));
        Assert.Equal(1, m.Value<int>("meetingsLast90Days"));
        Assert.Equal(2, m.Value<int>("meetingsLast365Days"));
        Assert.Equal(2, m.Value<int>("openAsks"));
        Assert.Equal(1, m.Value<int>("theirOpenCommitments"));
        Assert.Equal(2, m.Value<int>("ourOpenCommitments"));
        Assert.Equal(1, m.Value<int>("overdueCommitments"));
        Assert.Equal("at-risk", m.Value<string>("health"));

        var b = stakeholders.Single("organization", bureau);
        Assert.Equal(1, b.Value<int>("meetings"));
        Assert.Equal(0, b.Value<int>("meetingsLast90Days"));
        Assert.Equal(1, b.Value<int>("meetingsLast365Days"));
        Assert.Equal(1, b.Value<int>("openAsks"));
        Assert.Equal(0, b.Value<int>("ourOpenCommitments") + b.Value<int>("theirOpenCommitments") + b.Value<int>("overdueCommitments"));
        Assert.Equal("dormant", b.Value<string>("health"));

        var one = await Host.GetOk($"/api/engagement/{ministry}");
        Assert.Equal(m.ToJsonString(), one["stakeholder"]!.ToJsonString());
        var freshness = list["freshness"]!;
        Assert.Equal("StakeholderEngagement", freshness.Value<string>("projection"));
        Assert.Equal(0, freshness.Value<long>("eventsBehind"));
    }

    [Fact]
    public async Task a_meeting_90_days_ago_counts_as_recent_and_one_91_days_ago_does_not()
    {
        var on90 = await Host.Organization("Met 90 days ago");
        var on91 = await Host.Organization("Met 91 days ago");
        var on180 = await Host.Organization("Met 180 days ago");
        var on181 = await Host.Organization("Met 181 days ago");
        var never = await Host.Organization("Never met");
        await Host.Meeting(Today.AddDays(-90), on90);
        await Host.Meeting(Today.AddDays(-91), on91);
        await Host.Meeting(Today.AddDays(-180), on180);
        await Host.Meeting(Today.AddDays(-181), on181);
        await Fixture.SettleAsync();

        var stakeholders = (await Host.GetOk("/api/engagement")).Array("items");

        Assert.Equal((1, "active"), Figures(stakeholders.Single("organization", on90)));
        Assert.Equal((0, "cooling"), Figures(stakeholders.Single("organization", on91)));
        Assert.Equal((0, "cooling"), Figures(stakeholders.Single("organization", on180)));
        Assert.Equal((0, "dormant"), Figures(stakeholders.Single("organization", on181)));
        var n = stakeholders.Single("organization", never);
        Assert.Equal((0, "dormant"), Figures(n));
        Assert.Null(n["lastMetOn"]);

        static (int, string) Figures(System.Text.Json.Nodes.JsonNode s) => (s.Value<int>("meetingsLast90Days"), s.Value<string>("health"));
    }

    [Fact]
    public async Task health_moves_from_active_to_cooling_to_dormant_as_days_pass()
    {
        var ministry = await Host.Organization("Ministry");
        var metOn = Today;
        await Host.Meeting(metOn, ministry);

        Assert.Equal("active", await Health(ministry));
        Clock.SetToday(metOn.AddDays(91));
        Assert.Equal("cooling", await Health(ministry));
        Clock.SetToday(metOn.AddDays(181));
        Assert.Equal("dormant", await Health(ministry));
    }

    [Fact]
    public async Task a_suggestion_reopened_after_resolution_is_open_again()
    {
        var ministry = await Host.Organization("Ministry");
        var acme = await Host.Organization("Acme", "member");
        var meeting = await Host.Meeting(Today.AddDays(-20), ministry, acme);
        var ask = await Host.Suggestion(meeting, acme, ministry);
        Assert.Equal(1, await Figure(ministry, "openAsks"));

        await Host.Resolve(ask, Today.AddDays(-10));
        Assert.Equal(0, await Figure(ministry, "openAsks"));

        await Host.Reopen(ask, Today.AddDays(-5));
        Assert.Equal(1, await Figure(ministry, "openAsks"));
    }

    [Fact]
    public async Task a_commitment_fulfilled_after_it_fell_overdue_no_longer_puts_the_stakeholder_at_risk()
    {
        var ministry = await Host.Organization("Ministry");
        var meeting = await Host.Meeting(Today.AddDays(-30), ministry);
        var commitment = await Host.Commitment(meeting, ministry, Today.AddDays(-10));
        await Fixture.SettleAsync();
        Assert.Equal(1, await Figure(ministry, "overdueCommitments"));
        Assert.Equal("at-risk", await Health(ministry));

        await Host.Fulfil(commitment, Today.AddDays(-2));
        Assert.Equal(0, await Figure(ministry, "overdueCommitments"));
        Assert.Equal(0, await Figure(ministry, "theirOpenCommitments"));
        Assert.Equal("active", await Health(ministry));
    }

    [Fact]
    public async Task moving_the_due_date_of_an_overdue_commitment_clears_the_overdue()
    {
        var ministry = await Host.Organization("Ministry");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var meeting = await Host.Meeting(Today.AddDays(-30), ministry, chamber);
        var commitment = await Host.Commitment(meeting, chamber, Today.AddDays(-10));
        await Fixture.SettleAsync();
        Assert.Equal(1, await Figure(ministry, "overdueCommitments"));

        await Host.MoveDueDate(commitment, Today.AddDays(20));
        await Fixture.SettleAsync();
        Assert.Equal(0, await Figure(ministry, "overdueCommitments"));
        Assert.Equal(1, await Figure(ministry, "ourOpenCommitments"));
        Assert.Equal("active", await Health(ministry));
    }

    [Fact]
    public async Task an_unknown_organisation_is_a_404()
    {
        var response = await Host.GetJson($"/api/engagement/{Guid.NewGuid()}");
        response.ShouldBeProblem(404);
    }

    private async Task<int> Figure(Guid organizationId, string name)
    {
        await Fixture.SettleAsync();
        return (await Host.GetOk($"/api/engagement/{organizationId}"))["stakeholder"]!.Value<int>(name);
    }

    private async Task<string> Health(Guid organizationId)
    {
        await Fixture.SettleAsync();
        return (await Host.GetOk($"/api/engagement/{organizationId}"))["stakeholder"]!.Value<string>("health");
    }
}
