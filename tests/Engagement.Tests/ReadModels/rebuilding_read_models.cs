using System.Text.Json.Nodes;
using Engagement.Meetings;
using Engagement.Stakeholders;
using Engagement.Tests.Support;
using Engagement.Timelines;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.ReadModels;

public class rebuilding_read_models(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task rebuilding_every_projection_from_the_events_gives_exactly_the_same_answers()
    {
        var routes = await Scenario();
        var live = await Answers(routes);

        await Damage();
        Assert.NotEqual(live, await Answers(routes));

        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        var projections = ((DocumentStore)Fixture.Store).Options.Projections.All.Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "StakeholderEngagement", TimelineProjection.ProjectionName, "MeetingSearch", "Meeting", "Suggestion", "Commitment" },
            projections.ToHashSet());
        foreach (var name in projections) await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(2), CancellationToken.None);
        await Fixture.SettleAsync();

        Assert.Equal(live, await Answers(routes));
    }

    [Fact]
    public async Task the_answer_as_of_today_is_the_live_answer()
    {
        var routes = await Scenario();
        var today = $"asOf={Clock.Today:yyyy-MM-dd}";

        Assert.Equal(await Answers(routes), await Answers([.. routes.Select(r => r + (r.Contains('?') ? '&' : '?') + today)]));
    }

    private async Task<List<string>> Scenario()
    {
        var s = await DashboardScenario.Record(Host, Clock.Today);
        await Host.Resolve(s.OpenAsk, Clock.Today.AddDays(-5));
        await Host.Reopen(s.OpenAsk, Clock.Today.AddDays(-2));
        await Host.PostOk($"/api/meetings/{s.RecentMeeting}/notes", new { text = "Innovation vouchers to follow", notedOn = Clock.Today });
        await Host.PostOk($"/api/meetings/{s.RecentMeeting}/corrections", new { title = "Innovation follow-up (corrected)", reason = "Typo" });
        await Fixture.SettleAsync();
        return
        [
            .. answers_as_of_a_past_day.Routes(s.Ministry, s.Li), $"/api/engagement/{s.Agency}", "/api/asks?status=all", "/api/meetings",
            $"/api/organizations/{s.Acme}/timeline", $"/api/commitments?status=overdue"
        ];
    }

    /// <summary>Each route's answer as JSON, without the freshness figures (sequence numbers, not answers).</summary>
    private async Task<List<string>> Answers(IEnumerable<string> routes)
    {
        var answers = new List<string>();
        foreach (var route in routes)
        {
            var body = (await Host.GetOk(route)).AsObject();
            body.Remove("freshness");
            answers.Add($"{route.Split('?')[0]} {body.ToJsonString()}");
        }
        return answers;
    }

    private async Task Damage()
    {
        await using var session = Fixture.Store.LightweightSession();
        session.DeleteWhere<TimelineRow>(_ => true);
        session.DeleteWhere<MeetingSearchEntry>(_ => true);
        var engagement = await session.Query<StakeholderEngagement>().ToListAsync();
        foreach (var e in engagement) session.Store(e with { Meetings = [], OpenAsks = [], OpenCommitments = [] });
        await session.SaveChangesAsync();
    }
}
