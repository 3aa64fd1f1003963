using Engagement.Tests.Support;

namespace Engagement.Tests.ReadModels;

public class meeting_search(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task q_finds_meetings_by_title_summary_and_notes_best_match_first()
    {
        var ministry = await Host.Organization("Ministry");
        var both = await Host.Meeting("Innovation ecosystem", Today.AddDays(-30), [ministry],
            summary: "Optimising the innovation ecosystem and research support");
        var inNotes = await Host.Meeting("Trade dialogue", Today.AddDays(-20), [ministry], summary: "Tariffs and customs");
        await Host.PostOk($"/api/meetings/{inNotes}/notes", new { text = "Innovation vouchers came up at the end", notedOn = Today });
        await Host.Meeting("Customs clearance", Today.AddDays(-10), [ministry], summary: "Border procedures");
        await Fixture.SettleAsync();

        var found = (await Host.GetOk("/api/meetings?q=innovation")).Array("items");
        Assert.Equal([both, inNotes], found.Select(m => m!.Value<Guid>("id")));
        Assert.True(found[0]!.Value<double>("rank") > found[1]!.Value<double>("rank"));

        Assert.Equal([both], await Ids("/api/meetings?q=researching"));
        Assert.Equal([inNotes], await Ids("/api/meetings?q=" + Uri.EscapeDataString("tariffs -ecosystem")));
        Assert.Equal([both], await Ids("/api/meetings?q=" + Uri.EscapeDataString("\"innovation ecosystem\"")));
        Assert.Empty(await Ids("/api/meetings?q=semiconductors"));
    }

    [Fact]
    public async Task meetings_filter_by_organisation_topic_and_dates_newest_first()
    {
        var ministry = await Host.Organization("Ministry");
        var bureau = await Host.Organization("Bureau");
        var early = await Host.Meeting("Early", Today.AddDays(-90), [ministry], topics: ["Innovation"]);
        var middle = await Host.Meeting("Middle", Today.AddDays(-60), [ministry, bureau], topics: ["trade"]);
        var late = await Host.Meeting("Late", Today.AddDays(-30), [bureau], topics: ["innovation", "trade"]);
        await Fixture.SettleAsync();

        var all = await Host.GetOk("/api/meetings");
        Assert.Equal([late, middle, early], all.Array("items").Select(m => m!.Value<Guid>("id")));
        Assert.Equal(["Ministry", "Bureau"], all.Array("items").WithId(middle).Array("organizations").Select(o => o!.Value<string>("name")));
        Assert.Equal("MeetingSearch", all["freshness"]!.Value<string>("projection"));
        Assert.Equal([middle, early], await Ids($"/api/meetings?organizationId={ministry}"));
        Assert.Equal([late, early], await Ids("/api/meetings?topic=INNOVATION"));
        Assert.Equal([middle], await Ids($"/api/meetings?from={Today.AddDays(-60).Day()}&to={Today.AddDays(-31).Day()}"));
        Assert.Equal([late], await Ids($"/api/meetings?organizationId={bureau}&topic=innovation&from={Today.AddDays(-45).Day()}"));
    }

    [Fact]
    public async Task paging_through_a_search_visits_each_match_once_best_first_then_newest()
    {
        var ministry = await Host.Organization("Ministry");
        var made = new List<(Guid Id, DateOnly HeldOn, int Mentions)>();
        for (var i = 0; i < 7; i++)
        {
            var mentions = i % 3 + 1;
            var heldOn = Today.AddDays(-i % 4 - 1);
            made.Add((await Host.Meeting($"Meeting {i}", heldOn, [ministry],
                summary: string.Join(" ", Enumerable.Repeat("innovation", mentions)) + " and other business"), heldOn, mentions));
        }
        await Host.Meeting("Unrelated", Today.AddDays(-1), [ministry], summary: "customs");
        await Fixture.SettleAsync();

        var all = (await Host.GetOk("/api/meetings?q=innovation&limit=500")).Array("items");
        var ranks = all.ToDictionary(m => m!.Value<Guid>("id"), m => m!.Value<double>("rank"));
        var expected = made.OrderByDescending(m => ranks[m.Id]).ThenByDescending(m => m.HeldOn).ThenByDescending(m => m.Id.ToString())
            .Select(m => m.Id).ToList();
        Assert.Equal(expected, all.Select(m => m!.Value<Guid>("id")));
        Assert.True(ranks[made[2].Id] > ranks[made[0].Id]);

        var walked = await Engagement.Tests.Infrastructure.paging_lists.Walk(Host, "/api/meetings?q=innovation", 2,
            page => Assert.Equal(7, page.Value<int>("total")));
        Assert.Equal(expected, walked.Select(m => m.Value<Guid>("id")));
        var byTitle = await Engagement.Tests.Infrastructure.paging_lists.Walk(Host, "/api/meetings?sort=title", 3);
        Assert.Equal(8, byTitle.Count);
        Assert.Equal(byTitle.Select(m => m.Value<string>("title")).Order(StringComparer.OrdinalIgnoreCase), byTitle.Select(m => m.Value<string>("title")));
        (await Host.GetJson("/api/meetings?sort=rank")).ShouldRejectField("sort");
    }

    [Fact]
    public async Task topics_in_use_are_listed_once_each_most_used_first()
    {
        var ministry = await Host.Organization("Ministry");
        await Host.Meeting("One", Today.AddDays(-3), [ministry], topics: ["Innovation", "trade"]);
        await Host.Meeting("Two", Today.AddDays(-2), [ministry], topics: ["innovation"]);
        await Host.Meeting("Three", Today.AddDays(-1), [ministry], topics: ["Customs", "INNOVATION"]);
        await Host.Meeting("Four", Today, [ministry], topics: ["customs"]);

        var topics = (await Host.GetOk("/api/topics")).Array("items");
        Assert.Equal(["Innovation", "Customs", "trade"], topics.Select(t => t!.Value<string>("topic")));
        Assert.Equal([3, 2, 1], topics.Select(t => t!.Value<int>("meetings")));
        Assert.Equal(["Customs"], (await Host.GetOk("/api/topics?q=CUST")).Array("items").Select(t => t!.Value<string>("topic")));
    }

    [Fact]
    public async Task malformed_search_parameters_are_a_400_naming_each_field()
    {
        var response = await Host.GetJson($"/api/meetings?organizationId=ministry&from=2026-02-30&to=yesterday&q={new string('x', 201)}");
        response.ShouldRejectField("organizationId");
        response.ShouldRejectField("from");
        response.ShouldRejectField("to");
        response.ShouldRejectField("q");
        (await Host.GetJson("/api/meetings?from=2026-02-01&to=2026-01-01")).ShouldRejectField("to");
    }

    private async Task<List<Guid>> Ids(string url) =>
        [.. (await Host.GetOk(url)).Array("items").Select(m => m!.Value<Guid>("id"))];
}
