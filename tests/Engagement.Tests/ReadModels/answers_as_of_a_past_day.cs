using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.ReadModels;

public class answers_as_of_a_past_day(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly DateOnly HeldOn = new(2023, 7, 14);

    /// <summary>The seed meeting, recorded today but held in 2023, and what followed it.</summary>
    private async Task<(Guid Most, Guid Chamber, Guid ViceMinister, Guid Meeting, Guid Ecosystem, Guid Research, Guid WhitePaper)> SeedMeeting()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var chamber = await Host.Organization("American Chamber of Commerce", "chamber");
        var memberA = await Host.Organization("Member A", "member");
        var memberB = await Host.Organization("Member B", "member");
        var viceMinister = await Host.Person("Vice Minister", most, "Vice Minister");
        var meeting = await Host.Meeting("Vice Minister meets the chamber and its members", HeldOn, [most, chamber, memberA, memberB],
            [viceMinister], ["innovation", "R&D"], "Optimising the innovation ecosystem; foreign enterprises' R&D in China");
        var ecosystem = await Host.Suggestion(meeting, memberA, most, "innovation");
        var research = await Host.Suggestion(meeting, memberB, most, "R&D");
        await Host.Commitment(meeting, most);
        var whitePaper = await Host.Commitment(meeting, chamber, new DateOnly(2023, 12, 31));
        await Fixture.SettleAsync();

        await Host.Respond(ecosystem, new DateOnly(2023, 9, 1));
        await Host.Resolve(ecosystem, new DateOnly(2024, 1, 15), "partially-adopted");
        await Host.Fulfil(whitePaper, new DateOnly(2024, 3, 1));
        await Fixture.SettleAsync();
        return (most, chamber, viceMinister, meeting, ecosystem, research, whitePaper);
    }

    [Fact]
    public async Task as_of_the_end_of_july_2023_the_meeting_of_14_july_is_held_and_its_asks_are_open()
    {
        var s = await SeedMeeting();
        const string asOf = "asOf=2023-07-31";

        var meetings = await Host.GetOk($"/api/meetings?{asOf}");
        Assert.Equal("2023-07-31", meetings.Value<string>("asOf"));
        Assert.Equal([s.Meeting], meetings.Array("items").Select(m => m.Value<Guid>("id")));
        Assert.Equal([s.Meeting], (await Host.GetOk($"/api/meetings?q=ecosystem&{asOf}")).Array("items").Select(m => m.Value<Guid>("id")));

        var asks = (await Host.GetOk($"/api/asks?{asOf}")).Array("items");
        Assert.Equal([s.Ecosystem, s.Research], asks.Select(a => a.Value<Guid>("id")));
        Assert.All(asks, a => Assert.Equal("open", a.Value<string>("status")));
        Assert.All(asks, a => Assert.Equal(17, a.Value<int>("ageDays")));
        Assert.Equal("Ministry of Science and Technology", asks[0]!["addressedTo"]!.Value<string>("name"));

        var most = (await Host.GetOk($"/api/engagement/{s.Most}?{asOf}"))["stakeholder"]!;
        Assert.Equal("2023-07-14", most.Value<string>("lastMetOn"));
        Assert.Equal((1, 1, 2), (most.Value<int>("meetings"), most.Value<int>("meetingsLast90Days"), most.Value<int>("openAsks")));
        Assert.Equal((1, 1, 0), (most.Value<int>("theirOpenCommitments"), most.Value<int>("ourOpenCommitments"), most.Value<int>("overdueCommitments")));
        Assert.Equal("active", most.Value<string>("health"));
        Assert.Equal([s.Most], (await Host.GetOk($"/api/engagement?{asOf}")).Array("items").Select(x => x!["organization"]!.Value<Guid>("id")));

        Assert.All((await Host.GetOk($"/api/commitments?{asOf}")).Array("items"), c => Assert.Equal("open", c.Value<string>("status")));

        var timeline = (await Host.GetOk($"/api/organizations/{s.Most}/timeline?{asOf}"))["items"]!.AsArray();
        Assert.Equal(["commitment-made", "commitment-made", "suggestion-raised", "suggestion-raised", "meeting-held"],
            timeline.Select(e => e.Value<string>("kind")));
        Assert.Equal(["meeting-held"], (await Host.GetOk($"/api/people/{s.ViceMinister}/timeline?{asOf}")).Array("items")
            .Select(e => e.Value<string>("kind")));

        var dashboard = await Host.GetOk($"/api/dashboard?{asOf}");
        Assert.Equal(2, dashboard["headline"].Value<int>("openAsks"));
        Assert.Equal(1, dashboard.Array("meetingsPerMonth").Single(m => m.Value<string>("month") == "2023-07").Value<int>("meetings"));
    }

    [Fact]
    public async Task as_of_later_days_the_answer_the_overdue_and_the_resolution_appear_when_they_happened()
    {
        var s = await SeedMeeting();

        var january = (await Host.GetOk("/api/asks?status=all&asOf=2024-01-10")).Array("items");
        Assert.Equal("answered", january.WithId(s.Ecosystem).Value<string>("status"));
        Assert.Equal("open", january.WithId(s.Research).Value<string>("status"));
        var whitePaper = (await Host.GetOk("/api/commitments?asOf=2024-01-10")).Array("items").WithId(s.WhitePaper);
        Assert.Equal("overdue", whitePaper.Value<string>("status"));
        Assert.Equal("2024-01-01", whitePaper.Value<string>("fellOverdueOn"));
        var most = (await Host.GetOk($"/api/engagement/{s.Most}?asOf=2024-01-10"))["stakeholder"]!;
        Assert.Equal(("at-risk", 1), (most.Value<string>("health"), most.Value<int>("overdueCommitments")));

        Assert.Equal([s.Research], (await Host.GetOk("/api/asks?asOf=2024-02-01")).Array("items").Select(a => a.Value<Guid>("id")));
        Assert.Equal("fulfilled", (await Host.GetOk("/api/commitments?asOf=2024-03-01")).Array("items").WithId(s.WhitePaper)
            .Value<string>("status"));
        var now = (await Host.GetOk($"/api/engagement/{s.Most}"))["stakeholder"]!;
        Assert.Equal(("dormant", 0), (now.Value<string>("health"), now.Value<int>("overdueCommitments")));
    }

    [Fact]
    public async Task known_at_answers_with_only_what_had_been_recorded_by_then()
    {
        var most = await Host.Organization("Ministry");
        var member = await Host.Organization("Member", "member");
        var beforeMeeting = await Fixture.RecordedAt(member);
        var meeting = await Host.Meeting(HeldOn, most, member);
        var ask = await Host.Suggestion(meeting, member, most);
        var askRecorded = await Fixture.RecordedAt(ask);
        await Host.Respond(ask, new DateOnly(2023, 7, 20));

        Assert.Equal("answered", await Status("asOf=2023-07-31"));
        Assert.Equal("open", await Status($"asOf=2023-07-31&knownAt={askRecorded.Iso()}"));
        Assert.Equal("open", await Status($"knownAt={askRecorded.Iso()}"));
        Assert.Equal("answered", await Status($"asOf=2023-07-31&knownAt={DateTimeOffset.UtcNow.AddMinutes(1).Iso()}"));
        var before = await Host.GetOk($"/api/asks?status=all&knownAt={beforeMeeting.Iso()}");
        Assert.Empty(before.Array("items"));
        Assert.Equal(beforeMeeting, DateTimeOffset.Parse(before.Value<string>("knownAt")));

        async Task<string> Status(string query) =>
            (await Host.GetOk($"/api/asks?status=all&{query}")).Array("items").WithId(ask).Value<string>("status");
    }

    [Fact]
    public async Task as_of_before_anything_happened_every_route_answers_empty()
    {
        var s = await SeedMeeting();
        const string asOf = "asOf=2000-01-01";

        Assert.Empty((await Host.GetOk($"/api/engagement?{asOf}")).Array("items"));
        Assert.Empty((await Host.GetOk($"/api/asks?status=all&{asOf}")).Array("items"));
        Assert.Empty((await Host.GetOk($"/api/commitments?{asOf}")).Array("items"));
        Assert.Empty((await Host.GetOk($"/api/meetings?q=innovation&{asOf}")).Array("items"));
        Assert.Empty((await Host.GetOk($"/api/organizations/{s.Most}/timeline?{asOf}")).Array("items"));
        Assert.Empty((await Host.GetOk($"/api/people/{s.ViceMinister}/timeline?{asOf}")).Array("items"));
        var most = (await Host.GetOk($"/api/engagement/{s.Most}?{asOf}"))["stakeholder"]!;
        Assert.Null(most["lastMetOn"]);
        Assert.Equal((0, 0, "dormant"), (most.Value<int>("meetings"), most.Value<int>("openAsks"), most.Value<string>("health")));
        var dashboard = await Host.GetOk($"/api/dashboard?{asOf}");
        Assert.Equal(0, dashboard["headline"].Value<int>("stakeholders"));
        Assert.All(dashboard.Array("meetingsPerMonth"), m => Assert.Equal(0, m.Value<int>("meetings")));
        Assert.Empty(dashboard.Array("asksByTopic"));
        Assert.Empty(dashboard.Array("memberCompanies"));
    }

    [Fact]
    public async Task as_of_a_day_in_the_future_is_a_400_problem_on_every_route()
    {
        var s = await SeedMeeting();
        var tomorrow = Clock.Today.AddDays(1).Day();
        foreach (var route in Routes(s.Most, s.ViceMinister))
            (await Host.GetJson($"{route}{(route.Contains('?') ? '&' : '?')}asOf={tomorrow}")).ShouldRejectField("asOf");
        Assert.Equal(Clock.Today.Day(), (await Host.GetOk($"/api/dashboard?asOf={Clock.Today.Day()}")).Value<string>("asOf"));
    }

    [Fact]
    public async Task malformed_as_of_and_known_at_are_a_400_naming_the_field_on_every_route()
    {
        var s = await SeedMeeting();
        foreach (var route in Routes(s.Most, s.ViceMinister))
        {
            var response = await Host.GetJson($"{route}{(route.Contains('?') ? '&' : '?')}asOf=31/07/2023&knownAt=last-tuesday");
            response.ShouldRejectField("asOf");
            response.ShouldRejectField("knownAt");
        }
    }

    public static IEnumerable<string> Routes(Guid organizationId, Guid personId) =>
    [
        "/api/engagement", $"/api/engagement/{organizationId}", "/api/asks", "/api/commitments", "/api/meetings?q=innovation",
        $"/api/organizations/{organizationId}/timeline", $"/api/people/{personId}/timeline", "/api/dashboard"
    ];
}
