using Engagement.Tests.Support;

namespace Engagement.Tests.ReadModels;

public class dashboard_figures(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task the_dashboard_adds_up_meetings_asks_commitments_and_stakeholders()
    {
        var s = await DashboardScenario.Record(Host, Today);
        await Fixture.SettleAsync();

        var d = await Host.GetOk("/api/dashboard");

        var h = d["headline"]!;
        Assert.Equal(3, h.Value<int>("stakeholders"));
        Assert.Equal(1, h.Value<int>("activeStakeholders"));
        Assert.Equal(1, h.Value<int>("coolingStakeholders"));
        Assert.Equal(0, h.Value<int>("dormantStakeholders"));
        Assert.Equal(1, h.Value<int>("atRiskStakeholders"));
        Assert.Equal(2, h.Value<int>("meetingsLast90Days"));
        Assert.Equal(5, h.Value<int>("meetingsLast365Days"));
        Assert.Equal(3, h.Value<int>("openAsks"));
        Assert.Equal(2, h.Value<int>("openCommitments"));
        Assert.Equal(1, h.Value<int>("overdueCommitments"));

        var months = d.Array("meetingsPerMonth");
        Assert.Equal(12, months.Count);
        Assert.Equal("2025-12", months[0]!.Value<string>("month"));
        Assert.Equal("2026-11", months[11]!.Value<string>("month"));
        Assert.Equal(
            new Dictionary<string, int> { ["2026-01"] = 1, ["2026-07"] = 1, ["2026-08"] = 1, ["2026-10"] = 1, ["2026-11"] = 1 },
            months.Where(m => m!.Value<int>("meetings") > 0).ToDictionary(m => m!.Value<string>("month"), m => m!.Value<int>("meetings")));

        Assert.Equal(["innovation:1/0/1", "(no topic):1/0/0", "trade:0/1/0"], d.Array("asksByTopic").Select(t =>
            $"{t!.Value<string>("topic")}:{t.Value<int>("open")}/{t.Value<int>("answered")}/{t.Value<int>("resolved")}"));

        var c = d["commitmentsByStatus"]!;
        Assert.Equal((1, 1, 1, 1), (c.Value<int>("open"), c.Value<int>("overdue"), c.Value<int>("fulfilled"), c.Value<int>("cancelled")));

        Assert.Equal([s.Ministry, s.Bureau, s.Agency], d.Array("mostEngaged").Select(x => x!["organization"]!.Value<Guid>("id")));
        Assert.Equal(3, d.Array("mostEngaged")[0]!.Value<int>("meetingsLast365Days"));
        var cooling = Assert.Single(d.Array("coolingOff"));
        Assert.Equal(s.Bureau, cooling!["organization"]!.Value<Guid>("id"));
        Assert.Equal(120, cooling.Value<int>("daysSinceLastMet"));

        Assert.Equal(["Acme:2/1/0/2", "Globex:1/0/1/0"], d.Array("memberCompanies").Select(m =>
            $"{m!["organization"]!.Value<string>("name")}:{m.Value<int>("asksRaised")}/{m.Value<int>("asksAnswered")}/" +
            $"{m.Value<int>("asksResolved")}/{m.Value<int>("asksOpen")}"));
    }
}

/// <summary>
/// Three stakeholders: the ministry met three times lately (active), the bureau 120 days ago (cooling), the agency 300
/// days ago with a commitment of ours now overdue (at risk); asks on two topics and none; a commitment in each state.
/// </summary>
public sealed record DashboardScenario(Guid Ministry, Guid Bureau, Guid Agency, Guid Chamber, Guid Acme, Guid Globex, Guid Li,
    Guid RecentMeeting, Guid OpenAsk)
{
    public static async Task<DashboardScenario> Record(Alba.IAlbaHost host, DateOnly today)
    {
        var ministry = await host.Organization("Ministry");
        var bureau = await host.Organization("Bureau");
        var agency = await host.Organization("Agency");
        var chamber = await host.Organization("The Chamber", "chamber");
        var acme = await host.Organization("Acme", "member");
        var globex = await host.Organization("Globex", "member");
        var li = await host.Person("Li", ministry, "Director");

        var recent = await host.Meeting("Innovation follow-up", today.AddDays(-10), [ministry, chamber, acme], [li],
            ["innovation"], "Research and development support");
        await host.Meeting("Innovation round table", today.AddDays(-40), [ministry, acme, globex], [li]);
        var summer = await host.Meeting("Summer review", today.AddDays(-100), [ministry, globex]);
        var trade = await host.Meeting("Trade dialogue", today.AddDays(-120), [bureau, acme]);
        var january = await host.Meeting("New year call", today.AddDays(-300), [agency, chamber]);

        var openAsk = await host.Suggestion(recent, acme, ministry, "innovation");
        await host.Respond(await host.Suggestion(trade, acme, bureau, "trade"), today.AddDays(-100));
        await host.Resolve(await host.Suggestion(summer, globex, ministry, "innovation"), today.AddDays(-90));
        await host.PostOk($"/api/meetings/{january}/suggestions", new { raisedById = chamber, addressedToId = agency, text = "Keep us posted" });

        await host.Commitment(recent, ministry, today.AddDays(10));
        await host.Commitment(january, chamber, today.AddDays(-5));
        await host.Fulfil(await host.Commitment(summer, acme), today.AddDays(-50));
        await host.Cancel(await host.Commitment(trade, bureau), today.AddDays(-60));
        return new DashboardScenario(ministry, bureau, agency, chamber, acme, globex, li, recent, openAsk);
    }
}
