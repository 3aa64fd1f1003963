using Engagement.Tests.ReadModels;
using Engagement.Tests.Security;
using Engagement.Tests.Support;
using Ical.Net;
using Marten;

namespace Engagement.Tests.Work;

public class calendar_feeds(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    /// <summary>Fetches a feed as a calendar application would: no key, no cookie.</summary>
    private async Task<(int Status, string Body, string? ContentType)> Fetch(string url)
    {
        var response = await new Browser(Host).Get(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task a_users_feed_holds_their_items_with_stable_uids_follows_changes_and_a_revoked_address_is_404()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var ask = await Host.Ask(Today.AddDays(-3));
        var commitment = await Host.Commitment(Today.AddDays(-3), Today.AddDays(10));
        await Host.Commitment(Today.AddDays(-3), Today.AddDays(12));
        await Host.Assign("suggestions", ask, mei.Id);
        await Host.Assign("commitments", commitment, mei.Id);
        await Host.PostOk($"/api/suggestions/{ask}/follow-up", new { followUpOn = Today.AddDays(5) });

        var (status, created) = await mei.Send(HttpMethod.Post, "/api/me/calendar-feeds", new { });
        Assert.Equal(201, status);
        var url = created!.Text("url");
        Assert.Matches("^/calendar/[A-Za-z0-9_-]{43}\\.ics$", url);

        var (fetched, text, type) = await Fetch(url);
        Assert.Equal(200, fetched);
        Assert.Equal("text/calendar; charset=utf-8", type);
        var calendar = Calendar.Load(text)!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.Date).ToList();
        Assert.Equal([$"ask-{ask}-follow-up@engagement", $"commitment-{commitment}@engagement"], events.Select(e => e.Uid));
        Assert.Equal([Today.AddDays(5), Today.AddDays(10)], events.Select(e => e.DtStart!.Date));
        Assert.All(events, e => Assert.False(e.DtStart!.HasTime));
        Assert.Equal($"http://localhost/commitments/{commitment}", events[1].Url!.ToString());
        var sequence = events[1].Sequence;

        await Host.MoveDueDate(commitment, Today.AddDays(20));
        var moved = Calendar.Load((await Fetch(url)).Body)!.Events.Single(e => e.Uid == $"commitment-{commitment}@engagement");
        Assert.Equal(Today.AddDays(20), moved.DtStart!.Date);
        Assert.True(moved.Sequence > sequence);

        var feed = created!["id"]!.GetValue<Guid>();
        Assert.Single((await mei.Get("/api/me/calendar-feeds")).Body.Array("items"));
        Assert.Equal(200, (await mei.Send(HttpMethod.Delete, $"/api/me/calendar-feeds/{feed}")).Status);
        Assert.Equal(404, (await Fetch(url)).Status);
        Assert.Empty((await mei.Get("/api/me/calendar-feeds")).Body.Array("items"));

        await using var session = Fixture.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(feed);
        Assert.Equal(["calendar_feed_created", "calendar_feed_revoked"], stream.Select(e => e.EventTypeName));
        Assert.DoesNotContain(url.Split('/')[^1][..^4], System.Text.Json.JsonSerializer.Serialize(stream.Select(e => e.Data).ToList()));
    }

    [Fact]
    public async Task an_organisations_feed_holds_its_commitments_due_dates_and_its_asks_follow_ups()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var member = await Host.Organization("Acme Widgets", "member");
        var meeting = await Host.Meeting(Today.AddDays(-3), ministry, member);
        var promise = await Host.Commitment(meeting, ministry, Today.AddDays(10));
        await Host.Commitment(meeting, member, Today.AddDays(10));
        var ask = await Host.Suggestion(meeting, member, ministry);
        await Host.PostOk($"/api/suggestions/{ask}/follow-up", new { followUpOn = Today.AddDays(2) });

        var url = (await Host.PostOk("/api/me/calendar-feeds", new { organizationId = ministry })).Text("url");

        var calendar = Calendar.Load((await Fetch(url)).Body)!;
        Assert.Equal([$"ask-{ask}-follow-up@engagement", $"commitment-{promise}@engagement"],
            calendar.Events.OrderBy(e => e.DtStart!.Date).Select(e => e.Uid));
        Assert.Equal("Engagement: Ministry of Commerce", calendar.Properties["X-WR-CALNAME"]?.Value);
    }

    [Fact]
    public async Task an_unknown_address_is_404_and_an_unknown_organisation_is_refused()
    {
        Assert.Equal(404, (await Fetch("/calendar/not-a-feed.ics")).Status);
        await Host.PostRejectingField("/api/me/calendar-feeds", new { organizationId = Guid.NewGuid() }, "organizationId");
    }

    [Fact]
    public async Task only_the_owner_may_revoke_a_feed()
    {
        var mei = await Host.ActiveUser("Mei Chen");
        var feed = (await Host.PostOk("/api/me/calendar-feeds", new { }))["id"]!.GetValue<Guid>();

        Assert.Equal(404, (await mei.Send(HttpMethod.Delete, $"/api/me/calendar-feeds/{feed}")).Status);
    }
}
