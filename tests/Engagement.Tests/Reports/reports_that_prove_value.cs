using System.Text.Json.Nodes;
using Engagement.Tests.Support;
using Ical.Net;

namespace Engagement.Tests.Reports;

public class reports_that_prove_value(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly DateOnly March = new(2026, 3, 10);
    private static readonly DateOnly August = new(2026, 8, 5);

    private sealed record World(Guid Ministry, Guid Member, Guid Other, Guid Official, Guid MarchMeeting, Guid AugustMeeting, Guid Ask,
        Guid OtherAsk, Guid Promise);

    private async Task<World> Build()
    {
        var ministry = await Host.Organization("Ministry of Commerce", "government");
        var member = (await Host.PostOk("/api/organizations", new { name = "Widget Makers", kind = "member", registerId = "0123456789012-34" }))
            ["id"]!.GetValue<Guid>();
        var other = await Host.Organization("Gadget Makers", "member");
        var chamber = await Host.Organization("The Chamber", "chamber");
        var official = await Host.Person("Li Wei", ministry, "Vice Minister", new DateOnly(2025, 1, 1));
        await Host.PostOk($"/api/people/{official}/posts", new { title = "Minister", organizationId = ministry, since = new DateOnly(2026, 6, 1) });

        var march = await Host.Meeting(March, [ministry, member, chamber], [official]);
        var august = await Host.Meeting(August, [ministry, other], [official]);
        await Host.Meeting(August.AddDays(1), chamber, member); // no public body: not a disclosure

        var ask = await Host.Suggestion(march, member, ministry, "customs");
        await Host.PostOk($"/api/suggestions/{ask}/responses", new { text = "We will look at it.", respondedOn = new DateOnly(2026, 4, 2) });
        await Host.PostOk($"/api/suggestions/{ask}/resolution", new { outcome = "adopted", resolvedOn = new DateOnly(2026, 7, 20) });
        var promise = await Host.Commitment(march, ministry, new DateOnly(2026, 9, 30), ask);
        var otherAsk = await Host.Suggestion(august, other, ministry, "tax");
        return new World(ministry, member, other, official, march, august, ask, otherAsk, promise);
    }

    [Fact]
    public async Task the_member_report_gives_every_ask_the_member_raised_with_responses_outcome_and_commitments()
    {
        var w = await Build();
        var report = await Host.GetOk($"/api/reports/member?organizationId={w.Member}&from=2026-01-01&to=2026-12-31");

        Assert.Equal("0123456789012-34", report["organization"]!.Text("registerId"));
        var ask = Assert.Single(report["asks"]!.AsArray())!;
        Assert.Equal(w.Ask.ToString(), ask.Text("id"));
        Assert.Equal("Ministry of Commerce", ask["addressedTo"]!.Text("name"));
        Assert.Equal("We will look at it.", ask["responses"]![0]!.Text("text"));
        Assert.Equal("adopted", ask.Text("outcome"));
        var promise = Assert.Single(ask["commitments"]!.AsArray())!;
        Assert.Equal(w.Promise.ToString(), promise.Text("id"));
        Assert.Equal("Ministry of Commerce", promise["owner"]!.Text("name"));
        Assert.Equal(1, report["summary"]!["adopted"]!.GetValue<int>());

        // Every member company without organizationId; the period is by the day an ask was raised.
        var all = await Host.GetOk("/api/reports/member?from=2026-01-01&to=2026-12-31");
        Assert.Equal([w.Ask.ToString(), w.OtherAsk.ToString()], all["asks"]!.AsArray().Select(a => a!.Text("id")));
        var later = await Host.GetOk($"/api/reports/member?organizationId={w.Member}&from=2026-04-01");
        Assert.Empty(later["asks"]!.AsArray());
    }

    [Fact]
    public async Task the_member_report_as_of_a_past_day_is_the_report_as_it_stood_then()
    {
        var w = await Build();
        var then = await Host.GetOk($"/api/reports/member?organizationId={w.Member}&from=2026-01-01&asOf=2026-05-01");
        Assert.Equal("2026-05-01", then.Text("asOf"));
        var ask = Assert.Single(then["asks"]!.AsArray())!;
        Assert.Equal("answered", ask.Text("status"));
        Assert.Null(ask["outcome"]);

        await Task.Delay(50);
        var sent = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await Host.Suggestion(w.MarchMeeting, w.Member, w.Ministry, "recorded later");
        var asSent = await Host.GetOk($"/api/reports/member?organizationId={w.Member}&from=2026-01-01&knownAt={sent:yyyy-MM-ddTHH:mm:ss.fffZ}");
        Assert.Equal([w.Ask.ToString()], asSent["asks"]!.AsArray().Select(a => a!.Text("id")));
        Assert.Equal(2, (await Host.GetOk($"/api/reports/member?organizationId={w.Member}&from=2026-01-01"))["asks"]!.AsArray().Count);

        // Before the member was recorded there is no member to report on.
        (await Host.GetJson($"/api/reports/member?organizationId={w.Member}&knownAt=2000-01-01T00:00:00Z")).ShouldRejectField("organizationId");
    }

    [Fact]
    public async Task the_member_report_as_csv_has_one_row_per_ask()
    {
        var w = await Build();
        var result = await Host.Scenario(s => s.Get.Url($"/api/reports/member?organizationId={w.Member}&from=2026-01-01&to=2026-12-31&format=csv"));
        Assert.StartsWith("text/csv", result.Context.Response.ContentType);
        Assert.Contains("member-report-widget-makers-2026-01-01-2026-12-31.csv", result.Context.Response.Headers.ContentDisposition.ToString());
        var lines = (await result.ReadAsTextAsync()).TrimStart('\uFEFF').Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("Ministry of Commerce", lines[1]);
        Assert.Contains("adopted", lines[1]);
    }

    [Fact]
    public async Task the_disclosure_report_lists_meetings_with_public_bodies_with_officials_posts_on_the_day_and_register_ids()
    {
        var w = await Build();
        var report = await Host.GetOk("/api/reports/disclosure?from=2026-01-01&to=2026-12-31");
        var items = report["items"]!.AsArray();
        Assert.Equal([w.MarchMeeting.ToString(), w.AugustMeeting.ToString()], items.Select(i => i!.Text("id")));

        var march = items[0]!;
        Assert.Equal("Vice Minister", march["officials"]![0]!.Text("post"));
        Assert.Equal("Minister", items[1]!["officials"]![0]!.Text("post"));
        Assert.Equal("Ministry of Commerce", march["publicBodies"]![0]!.Text("name"));
        var widget = march["organizations"]!.AsArray().Single(o => o!.Text("name") == "Widget Makers")!;
        Assert.Equal("0123456789012-34", widget.Text("registerId"));

        var csv = await (await Host.Scenario(s => s.Get.Url("/api/reports/disclosure?from=2026-01-01&to=2026-12-31&format=csv"))).ReadAsTextAsync();
        var lines = csv.TrimStart('\uFEFF').Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains("Widget Makers (0123456789012-34)", lines[1]);
        Assert.Contains("Li Wei, Vice Minister (Ministry of Commerce)", lines[1]);
    }

    [Theory]
    [InlineData("/api/reports/member?organizationId=nope", "organizationId")]
    [InlineData("/api/reports/member?from=2026-05-01&to=2026-04-01", "from")]
    [InlineData("/api/reports/member?to=2026-13-01", "to")]
    [InlineData("/api/reports/disclosure?format=pdf", "format")]
    [InlineData("/api/reports/disclosure?asOf=2099-01-01", "asOf")]
    [InlineData("/api/reports/board-pack?quarter=2026-Q5", "quarter")]
    [InlineData("/api/reports/board-pack?quarter=2027-Q1", "quarter")]
    public async Task bad_parameters_are_a_400_naming_the_parameter(string url, string field) =>
        (await Host.GetJson(url)).ShouldRejectField(field);

    [Fact]
    public async Task an_organisation_unknown_at_the_point_asked_is_a_400()
    {
        (await Host.GetJson($"/api/reports/member?organizationId={Guid.NewGuid()}")).ShouldRejectField("organizationId");
    }

    [Fact]
    public async Task the_board_pack_gives_the_quarter_beside_the_previous_one()
    {
        await Build();
        var pack = await Host.GetOk("/api/reports/board-pack?quarter=2026-Q3");
        Assert.Equal(("2026-Q3", "2026-Q2", "2026-09-30"), (pack.Text("quarter"), pack.Text("previousQuarter"), pack.Text("to")));
        var figures = pack["figures"]!.AsArray().ToDictionary(f => f!.Text("measure"), f => f!);
        Assert.Equal((2, 0, 2), Figure(figures["meetingsHeld"]));
        Assert.Equal((1, 0, 1), Figure(figures["asksResolved"]));
        Assert.Equal((1, 0, 1), Figure(figures["asksRaised"]));
        // At the end of Q2 the member's ask was answered and open; at the end of Q3 it was resolved and the other was open.
        Assert.Equal((1, 1, 0), Figure(figures["openAsks"]));
        Assert.Equal("2026-09-30", pack["current"]!.Text("asOf"));
        Assert.Equal("2026-06-30", pack["previous"]!.Text("asOf"));

        var q1 = await Host.GetOk("/api/reports/board-pack?quarter=2026-Q1");
        var meetings = q1["figures"]!.AsArray().Single(f => f!.Text("measure") == "meetingsHeld")!;
        Assert.Equal((1, 0, 1), Figure(meetings));

        // The quarter of asOf by default, ending at asOf while it is not over.
        var now = await Host.GetOk("/api/reports/board-pack");
        Assert.Equal(("2026-Q4", "2026-11-24"), (now.Text("quarter"), now.Text("to")));
    }

    private static (int, int, int) Figure(JsonNode f) =>
        (f["current"]!.GetValue<int>(), f["previous"]!.GetValue<int>(), f["change"]!.GetValue<int>());

    [Fact]
    public async Task a_meeting_exports_as_an_icalendar_event_on_its_day()
    {
        var w = await Build();
        var result = await Host.Scenario(s => s.Get.Url($"/api/meetings/{w.MarchMeeting}/calendar"));
        Assert.StartsWith("text/calendar", result.Context.Response.ContentType);
        var calendar = Calendar.Load(await result.ReadAsTextAsync())!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal("Meeting", e.Summary);
        Assert.Equal(new DateOnly(2026, 3, 10), DateOnly.FromDateTime(e.Start!.Value));
        Assert.False(e.Start.HasTime);
        Assert.Contains("Li Wei (Vice Minister)", e.Description);
        Assert.EndsWith($"/meetings/{w.MarchMeeting}", e.Url!.ToString());

        (await Host.GetJson($"/api/meetings/{Guid.NewGuid()}/calendar")).ShouldBeProblem(404);
    }
}
