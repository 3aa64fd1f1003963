using System.Text;
using Engagement.Tests.Support;

namespace Engagement.Tests.ReadModels;

public class open_asks(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task unresolved_asks_are_listed_oldest_first_with_names_meeting_age_and_last_activity()
    {
        var (ministry, bureau, acme, globex) = await Parties();
        var older = await Host.Meeting("Innovation round table", Today.AddDays(-40), [ministry, acme, globex]);
        var newer = await Host.Meeting("Trade dialogue", Today.AddDays(-10), [bureau, acme]);
        var open = await Host.Suggestion(newer, acme, bureau, "trade");
        var answered = await Host.Suggestion(older, acme, ministry, "innovation");
        await Host.Respond(answered, Today.AddDays(-3));
        await Host.Resolve(await Host.Suggestion(older, globex, ministry, "innovation"), Today.AddDays(-20));

        var asks = (await Host.GetOk("/api/asks")).Array("items");

        Assert.Equal([answered, open], asks.Select(a => a!.Value<Guid>("id")));
        var a = asks.WithId(answered);
        Assert.Equal("Acme", a["raisedBy"]!.Value<string>("name"));
        Assert.Equal("Ministry", a["addressedTo"]!.Value<string>("name"));
        Assert.Equal("Innovation round table", a["meeting"]!.Value<string>("title"));
        Assert.Equal(older, a["meeting"]!.Value<Guid>("id"));
        Assert.Equal(Today.AddDays(-40).Day(), a.Value<string>("raisedOn"));
        Assert.Equal("answered", a.Value<string>("status"));
        Assert.Equal(40, a.Value<int>("ageDays"));
        Assert.Equal(Today.AddDays(-3).Day(), a.Value<string>("lastActivityOn"));
        Assert.Equal("innovation", a.Value<string>("topic"));
        Assert.Equal($"/api/suggestions/{answered}", a.Value<string>("href"));
        Assert.Equal("open", asks.WithId(open).Value<string>("status"));
    }

    [Fact]
    public async Task asks_filter_by_status_addressee_raiser_and_topic()
    {
        var (ministry, bureau, acme, globex) = await Parties();
        var meeting = await Host.Meeting("Round table", Today.AddDays(-30), [ministry, bureau, acme, globex]);
        var toMinistry = await Host.Suggestion(meeting, acme, ministry, "Innovation");
        var toBureau = await Host.Suggestion(meeting, globex, bureau, "trade");
        var resolved = await Host.Suggestion(meeting, acme, bureau, "trade");
        await Host.Resolve(resolved, Today.AddDays(-1), "declined");

        Assert.Equal([resolved], await Ids("/api/asks?status=resolved"));
        Assert.Equal(3, (await Ids("/api/asks?status=all")).Count);
        Assert.Equal(3, (await Ids("/api/asks?status=open,resolved")).Count);
        Assert.Equal([toMinistry], await Ids($"/api/asks?addressedToId={ministry}"));
        Assert.Equal([toBureau], await Ids($"/api/asks?raisedById={globex}"));
        Assert.Equal([toMinistry], await Ids("/api/asks?topic=innovation"));
        Assert.Equal([resolved], await Ids($"/api/asks?status=all&raisedById={acme}&topic=TRADE"));

        var r = (await Host.GetOk("/api/asks?status=resolved")).Array("items").WithId(resolved);
        Assert.Equal("declined", r.Value<string>("outcome"));
        Assert.Equal(29, r.Value<int>("ageDays"));
    }

    [Fact]
    public async Task a_reopened_ask_is_listed_again()
    {
        var (ministry, _, acme, _) = await Parties();
        var meeting = await Host.Meeting(Today.AddDays(-30), ministry, acme);
        var ask = await Host.Suggestion(meeting, acme, ministry);
        await Host.Resolve(ask, Today.AddDays(-20));
        Assert.Empty(await Ids("/api/asks"));

        await Host.Reopen(ask, Today.AddDays(-2));
        var asks = (await Host.GetOk("/api/asks")).Array("items");
        Assert.Equal("open", asks.WithId(ask).Value<string>("status"));
        Assert.Equal(Today.AddDays(-2).Day(), asks.WithId(ask).Value<string>("lastActivityOn"));
    }

    [Fact]
    public async Task unknown_filter_values_are_a_400_naming_each_field()
    {
        var response = await Host.GetJson("/api/asks?status=pending&addressedToId=ministry&raisedById=42");
        response.ShouldRejectField("status");
        response.ShouldRejectField("addressedToId");
        response.ShouldRejectField("raisedById");
    }

    [Fact]
    public async Task paging_through_asks_visits_each_once_in_each_documented_order()
    {
        var (ministry, bureau, acme, globex) = await Parties();
        var asks = new List<(Guid Id, DateOnly RaisedOn, string Topic)>();
        for (var i = 0; i < 7; i++)
        {
            // Three meetings on the same day: the order within a day is by id.
            var raisedOn = Today.AddDays(-10 * (i % 3) - 5);
            var meeting = await Host.Meeting($"Meeting {i}", raisedOn, [ministry, bureau, acme, globex]);
            var topic = $"topic {(char)('g' - i)}";
            asks.Add((await Host.Suggestion(meeting, i % 2 == 0 ? acme : globex, i % 2 == 0 ? ministry : bureau, topic), raisedOn, topic));
        }

        var byRaised = asks.OrderBy(a => a.RaisedOn).ThenBy(a => a.Id.ToString()).Select(a => a.Id).ToList();
        var walked = await Engagement.Tests.Infrastructure.paging_lists.Walk(Host, "/api/asks", 3,
            page => Assert.Equal(7, page.Value<int>("total")));
        Assert.Equal(byRaised, walked.Select(a => a.Value<Guid>("id")));

        var byAgeDescending = asks.OrderByDescending(a => Today.DayNumber - a.RaisedOn.DayNumber).ThenByDescending(a => a.Id.ToString())
            .Select(a => a.Id);
        Assert.Equal(byAgeDescending, (await Engagement.Tests.Infrastructure.paging_lists.Walk(Host, "/api/asks?sort=age", 2))
            .Select(a => a.Value<Guid>("id")));
        Assert.Equal(asks.OrderBy(a => a.Topic).Select(a => a.Id),
            (await Engagement.Tests.Infrastructure.paging_lists.Walk(Host, "/api/asks?sort=topic", 4)).Select(a => a.Value<Guid>("id")));

        var filtered = await Engagement.Tests.Infrastructure.paging_lists.Walk(Host, $"/api/asks?addressedToId={ministry}&minAgeDays=15", 1,
            page => Assert.Equal(asks.Where((a, i) => i % 2 == 0).Count(a => Today.DayNumber - a.RaisedOn.DayNumber >= 15), page.Value<int>("total")));
        Assert.Equal(asks.Where((a, i) => i % 2 == 0 && Today.DayNumber - a.RaisedOn.DayNumber >= 15).OrderBy(a => a.RaisedOn)
            .ThenBy(a => a.Id.ToString()).Select(a => a.Id), filtered.Select(a => a.Value<Guid>("id")));
    }

    [Fact]
    public async Task a_cursor_of_one_filter_is_refused_with_another()
    {
        var (ministry, bureau, acme, _) = await Parties();
        var meeting = await Host.Meeting(Today.AddDays(-3), ministry, bureau, acme);
        await Host.Suggestion(meeting, acme, ministry, "trade");
        await Host.Suggestion(meeting, acme, bureau, "trade");
        var cursor = (await Host.GetOk("/api/asks?limit=1"))["nextCursor"]!.GetValue<string>();

        Assert.Single((await Host.GetOk($"/api/asks?limit=1&cursor={cursor}")).Array("items"));
        (await Host.GetJson($"/api/asks?limit=1&topic=trade&cursor={cursor}")).ShouldRejectField("cursor");
        (await Host.GetJson("/api/asks?minAgeDays=-1&format=pdf")).ShouldRejectField("minAgeDays");
        (await Host.GetJson("/api/asks?format=pdf")).ShouldRejectField("format");
    }

    [Fact]
    public async Task the_csv_export_has_a_bom_a_header_and_every_filtered_row_as_of_the_day_asked()
    {
        var (ministry, bureau, acme, _) = await Parties();
        var meeting = await Host.Meeting("Trade, \"and\" more", Today.AddDays(-30), [ministry, bureau, acme]);
        var early = await Host.Suggestion(meeting, acme, ministry, "trade");
        await Host.Suggestion(meeting, acme, bureau, "other");
        await Host.Resolve(early, Today.AddDays(-5));
        var late = await Host.Suggestion(await Host.Meeting("Later", Today.AddDays(-2), [ministry, acme]), acme, ministry, "trade");

        var asOf = Today.AddDays(-10).Day();
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/asks?format=csv&topic=trade&asOf={asOf}");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal("text/csv; charset=utf-8", result.Context.Response.ContentType);
        Assert.Equal($"attachment; filename=\"asks-{asOf}.csv\"", result.Context.Response.Headers.ContentDisposition.ToString());
        var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,raisedOn,raisedBy,addressedTo,topic,text,status", lines[0]);
        // As of ten days ago only the early ask existed, and it was still open; the later one is not there yet.
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith($"{early},{Today.AddDays(-30).Day()},Acme,Ministry,trade,", row);
        Assert.Contains(",open,", row);
        // The last two columns, responsible and followUpOn, are empty: no one was assigned.
        Assert.EndsWith($",\"Trade, \"\"and\"\" more\",{Today.AddDays(-30).Day()},,", row);
        Assert.DoesNotContain(late.ToString(), string.Join("\n", lines));

        var live = (await Host.Scenario(s => s.Get.Url("/api/asks?format=csv&status=all&topic=trade"))).ReadAsText();
        Assert.Equal(3, live.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<(Guid Ministry, Guid Bureau, Guid Acme, Guid Globex)> Parties() => (
        await Host.Organization("Ministry"), await Host.Organization("Bureau"),
        await Host.Organization("Acme", "member"), await Host.Organization("Globex", "member"));

    private async Task<List<Guid>> Ids(string url) =>
        [.. (await Host.GetOk(url)).Array("items").Select(a => a!.Value<Guid>("id"))];
}
