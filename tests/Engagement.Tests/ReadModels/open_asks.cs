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

        var asks = (await Host.GetOk("/api/asks")).Array("asks");

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

        var r = (await Host.GetOk("/api/asks?status=resolved")).Array("asks").WithId(resolved);
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
        var asks = (await Host.GetOk("/api/asks")).Array("asks");
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

    private async Task<(Guid Ministry, Guid Bureau, Guid Acme, Guid Globex)> Parties() => (
        await Host.Organization("Ministry"), await Host.Organization("Bureau"),
        await Host.Organization("Acme", "member"), await Host.Organization("Globex", "member"));

    private async Task<List<Guid>> Ids(string url) =>
        [.. (await Host.GetOk(url)).Array("asks").Select(a => a!.Value<Guid>("id"))];
}
