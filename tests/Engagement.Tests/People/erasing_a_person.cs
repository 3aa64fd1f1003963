using System.Text.Json.Nodes;
using Alba;
using Engagement.Tests.Support;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.People;

public class erasing_a_person(AppFixture fixture) : ApiTest(fixture)
{
    private const string Name = "Wang Lina";
    private static readonly string[] Traces = ["Wang", "Lina", "Director of Trade", "Deputy Minister of Trade"];
    private static readonly DateOnly HeldOn = new(2026, 10, 6);

    private sealed record Setting(Guid Ministry, Guid Member, Guid Person, Guid Other, Guid Meeting, Guid NoteMeeting);

    /// <summary>
    /// A ministry official with two posts, at a meeting (with an ask and a commitment) and named in a note of it and in
    /// a note of a meeting she did not attend; a colleague whose note mentions nobody.
    /// </summary>
    private async Task<Setting> Record()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        var member = await Host.Organization("Acme Ltd", "member");
        var person = await Host.Person(Name, ministry, "Director of Trade", new DateOnly(2024, 1, 1));
        await Host.PostOk($"/api/people/{person}/posts", new { title = "Deputy Minister of Trade", organizationId = ministry, since = "2025-01-01" });
        var other = await Host.Person("Chen Hao", ministry, "Adviser", new DateOnly(2024, 1, 1));
        var meeting = await Host.Meeting(HeldOn, [ministry, member], [person, other]);
        await Host.PostOk($"/api/meetings/{meeting}/notes",
            new { text = "Wang Lina promised a reply on export licences; Ms Wang will call Acme.", notedOn = HeldOn, mentions = new[] { person } });
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "Chen Hao took the minutes on export licences.", notedOn = HeldOn });
        await Host.Suggestion(meeting, member, ministry, "export licences");
        await Host.Commitment(meeting, ministry, HeldOn.AddDays(30));
        var noteMeeting = await Host.Meeting(HeldOn.AddDays(1), member);
        await Host.PostOk($"/api/meetings/{noteMeeting}/notes",
            new { text = "Acme heard from LINA WANG about export licences.", notedOn = HeldOn.AddDays(1), mentions = new[] { person } });
        await Host.SettleAsync();
        return new Setting(ministry, member, person, other, meeting, noteMeeting);
    }

    private static IEnumerable<string> ReadRoutes(Setting s)
    {
        string[] live =
        [
            $"/api/people/{s.Person}", "/api/people", "/api/people?format=csv", $"/api/people?organizationId={s.Ministry}",
            $"/api/people/{s.Person}/timeline", $"/api/people/{s.Person}/history",
            $"/api/meetings/{s.Meeting}", $"/api/meetings/{s.NoteMeeting}", "/api/meetings", "/api/meetings?q=licences",
            $"/api/meetings/{s.Meeting}/history", $"/api/meetings/{s.NoteMeeting}/history", $"/api/meetings/{s.Meeting}/calendar",
            $"/api/organizations/{s.Ministry}/timeline", $"/api/organizations/{s.Member}/timeline",
            $"/api/engagement/{s.Ministry}", "/api/engagement", "/api/asks", "/api/commitments", "/api/dashboard", "/api/events",
            "/api/reports/disclosure?from=2026-01-01&to=2026-11-24", "/api/reports/disclosure?from=2026-01-01&to=2026-11-24&format=csv",
            $"/api/reports/member?organizationId={s.Member}&from=2026-01-01&to=2026-11-24"
        ];
        return live.Concat(live.Where(r => !r.Contains("history") && !r.Contains("calendar") && !r.Contains("/api/events"))
            .Select(r => r + (r.Contains('?') ? '&' : '?') + "asOf=2026-10-20"));
    }

    private async Task<string> Text(string route, string? authorization = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(route);
            if (authorization is not null) s.WithRequestHeader("Authorization", authorization);
        });
        return await result.ReadAsTextAsync();
    }

    [Fact]
    public async Task after_erasure_no_read_route_shows_the_name_or_a_title_and_meetings_still_count()
    {
        var s = await Record();
        var shown = new List<string>();
        foreach (var route in ReadRoutes(s))
        {
            var text = await Text(route);
            if (Traces.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase))) shown.Add(route);
        }
        Assert.Superset(new HashSet<string> { $"/api/people/{s.Person}", $"/api/organizations/{s.Ministry}/timeline",
            $"/api/meetings/{s.NoteMeeting}", $"/api/meetings/{s.Meeting}/history", "/api/events", "/api/people?format=csv" }, shown.ToHashSet());
        Assert.Equal(2, (await Host.GetOk("/api/meetings?q=Lina"))["items"]!.AsArray().Count);
        var figures = (await Host.GetOk("/api/dashboard"))["headline"]!.ToJsonString();

        var response = await Host.PostJson($"/api/people/{s.Person}/erasure", new { reason = "She asked us to erase her data (e-mail of 2 November)." });
        Assert.Equal(s.Person, response.ShouldBeWritten(200, 3));
        await Host.SettleAsync();

        var leaks = new List<string>();
        foreach (var route in ReadRoutes(s))
        {
            var text = await Text(route);
            leaks.AddRange(Traces.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"{route}: {t}"));
        }
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));

        var person = await Host.GetOk($"/api/people/{s.Person}");
        Assert.Equal("Erased person", person.Text("name"));
        Assert.Null(person["title"]);
        Assert.All(person["posts"]!.AsArray(), p => Assert.Null(p!["title"]));
        Assert.Equal("2026-11-24", person["erasure"]!.Text("erasedOn"));
        Assert.Equal("She asked us to erase her data (e-mail of 2 November).", person["erasure"]!.Text("reason"));
        Assert.False(string.IsNullOrEmpty(person["erasure"]!.Text("erasedBy")));

        var meeting = await Host.GetOk($"/api/meetings/{s.Meeting}");
        Assert.Equal(["Erased person", "Chen Hao"], meeting["participants"]!.AsArray().Select(p => p!.Text("name")));
        Assert.Equal(["Erased person promised a reply on export licences; Ms Erased person will call Acme.",
            "Chen Hao took the minutes on export licences."], meeting["notes"]!.AsArray().Select(n => n!.Text("text")));
        Assert.Equal(4, meeting["version"]!.GetValue<int>());
        Assert.Single(meeting["suggestions"]!.AsArray());
        Assert.Single(meeting["commitments"]!.AsArray());
        Assert.Equal(figures, (await Host.GetOk("/api/dashboard"))["headline"]!.ToJsonString());

        Assert.Empty((await Host.GetOk("/api/meetings?q=Lina"))["items"]!.AsArray());
        Assert.Equal(2, (await Host.GetOk("/api/meetings?q=Erased"))["items"]!.AsArray().Count);

        var feed = await Host.GetOk("/api/events?types=person.erased");
        var erased = Assert.Single(feed["events"]!.AsArray());
        Assert.Equal("Erased person", erased!["data"]!["person"]!.Text("name"));
        Assert.DoesNotContain("e-mail", erased.ToJsonString());
    }

    [Fact]
    public async Task a_rebuild_of_every_projection_after_an_erasure_still_shows_erased_person()
    {
        var s = await Record();
        await Host.PostOk($"/api/people/{s.Person}/erasure", new { reason = "Asked to" });
        await Host.SettleAsync();
        var routes = ReadRoutes(s).Where(r => !r.Contains("csv") && !r.Contains("calendar")).ToList();
        var before = new List<string>();
        foreach (var route in routes) before.Add(Without(await Text(route)));

        await using (var session = Fixture.Store.LightweightSession())
        {
            session.DeleteWhere<Engagement.Timelines.TimelineRow>(_ => true);
            session.DeleteWhere<Engagement.Meetings.MeetingSearchEntry>(_ => true);
            await session.SaveChangesAsync();
        }
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var name in ((DocumentStore)Fixture.Store).Options.Projections.All.Select(p => p.Name))
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(2), CancellationToken.None);
        await Host.SettleAsync();

        for (var i = 0; i < routes.Count; i++) Assert.Equal(before[i], Without(await Text(routes[i])));
        Assert.Equal("Erased person", (await Host.GetOk($"/api/people/{s.Person}")).Text("name"));
        Assert.Contains("Ms Erased person", (await Host.GetOk($"/api/meetings/{s.Meeting}")).ToJsonString());
    }

    /// <summary>The answer without its freshness figures, which count sequence numbers, not content.</summary>
    private static string Without(string json)
    {
        if (!json.StartsWith('{')) return json;
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("freshness");
        return node.ToJsonString();
    }

    [Fact]
    public async Task only_an_admin_erases_a_reason_is_required_and_an_unknown_person_is_not_found()
    {
        var s = await Record();
        var staff = (await Host.PostOk("/api/keys", new { name = "staff caller", role = "staff" }))["key"]!.GetValue<string>();

        await Host.PostRefused($"/api/people/{s.Person}/erasure", new { reason = "Asked to" }, 403, c => c.WithBearerToken(staff));
        Assert.Equal(403, (await Host.GetJson($"/api/people/{s.Person}/export", c => c.WithBearerToken(staff))).Status);
        await Host.PostRejectingField($"/api/people/{s.Person}/erasure", new { }, "reason");
        await Host.PostRejectingField($"/api/people/{s.Person}/erasure", new { reason = "  " }, "reason");
        await Host.PostRefused($"/api/people/{Guid.NewGuid()}/erasure", new { reason = "Asked to" }, 404);
        Assert.Equal(404, (await Host.GetJson($"/api/people/{Guid.NewGuid()}/export")).Status);
        Assert.Contains(Name, await Text($"/api/meetings/{s.Meeting}"));
    }

    [Fact]
    public async Task erasing_twice_is_a_conflict_that_says_when_and_by_whom()
    {
        var s = await Record();
        await Host.PostOk($"/api/people/{s.Person}/erasure", new { reason = "Asked to" });

        var problem = await Host.PostRefused($"/api/people/{s.Person}/erasure", new { reason = "Again" }, 409);

        Assert.Contains("already erased on 2026-11-24 by ", problem.Text("detail"));
        Assert.Contains(EventCatalogueRecorder(await Host.GetOk($"/api/people/{s.Person}/history")), problem.Text("detail"));
    }

    private static string EventCatalogueRecorder(JsonNode history) => history.AsArray()[^1]!.Text("recordedBy");

    [Fact]
    public async Task new_records_naming_an_erased_person_are_refused_by_field()
    {
        var s = await Record();
        await Host.PostOk($"/api/people/{s.Person}/erasure", new { reason = "Asked to" });

        var post = await Host.PostRefused($"/api/people/{s.Person}/posts", new { title = "Minister", organizationId = s.Ministry }, 409);
        Assert.Contains("erased", post.Text("detail"));
        var meeting = await Host.PostRefused("/api/meetings",
            new { title = "Follow-up", heldOn = HeldOn.AddDays(3), organizationIds = new[] { s.Ministry }, participantIds = new[] { s.Other, s.Person } }, 409);
        Assert.NotNull(meeting["errors"]!["participantIds[1]"]);
        var note = await Host.PostRefused($"/api/meetings/{s.Meeting}/notes", new { text = "More", mentions = new[] { s.Person } }, 409);
        Assert.NotNull(note["errors"]!["mentions[0]"]);
        await Host.PostRejectingField($"/api/meetings/{s.Meeting}/notes", new { text = "More", mentions = new[] { Guid.NewGuid() } }, "mentions[0]");
    }

    [Fact]
    public async Task the_export_holds_the_record_every_event_and_the_meetings_and_after_erasure_only_what_is_left()
    {
        var s = await Record();

        var result = await Host.Scenario(c => c.Get.Url($"/api/people/{s.Person}/export"));
        Assert.Equal($"attachment; filename=\"person-{s.Person}-2026-11-24.json\"",
            result.Context.Response.Headers.ContentDisposition.ToString());
        var export = JsonNode.Parse(await result.ReadAsTextAsync())!;
        Assert.Equal(Name, export["person"]!.Text("name"));
        Assert.Equal(["Director of Trade", "Deputy Minister of Trade"], export["person"]!["posts"]!.AsArray().Select(p => p!.Text("title")));
        var events = export["events"]!.AsArray();
        Assert.Equal(["person_registered", "person_changed_post"], events.Select(e => e!.Text("type")));
        Assert.All(events, e => { Assert.False(string.IsNullOrEmpty(e!.Text("recordedBy"))); Assert.NotNull(e!["timestamp"]); });
        var meetings = export["meetings"]!.AsArray();
        Assert.Equal([(s.Meeting, true, true), (s.NoteMeeting, false, true)],
            meetings.Select(m => (m!["id"]!.GetValue<Guid>(), m["tookPart"]!.GetValue<bool>(), m["mentioned"]!.GetValue<bool>())));
        Assert.Equal(2, meetings[0]!["notes"]!.AsArray().Count);

        await Host.PostOk($"/api/people/{s.Person}/erasure", new { reason = "Asked to" });
        var after = (await Host.GetOk($"/api/people/{s.Person}/export")).ToJsonString();
        Assert.DoesNotContain("Wang", after, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Lina", after, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"type\":\"person_erased\"", after);
        Assert.Contains("\"reason\":\"Asked to\"", after);
    }
}
