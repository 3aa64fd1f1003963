using System.Text.Json.Nodes;
using Engagement.Organizations;
using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;

namespace Engagement.Tests.Organizations;

public class merging_organisations(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    private Task<(int Status, JsonNode? Body, Alba.IScenarioResult Result)> Merge(Guid id, Guid survivorId, string reason = "Registered twice") =>
        Host.PostJson($"/api/organizations/{id}/merge", new { survivorId, reason });

    private async Task<(Guid Survivor, Guid Duplicate)> Duplicates(string kind = "government")
    {
        var survivor = await Host.Organization("Ministry of Trade", kind);
        var duplicate = (await Host.PostOk("/api/organizations", new { name = "Trade Ministry", kind }))["id"]!.GetValue<Guid>();
        return (survivor, duplicate);
    }

    [Fact]
    public async Task a_merge_is_an_event_on_each_organisation_and_both_histories_stay_whole()
    {
        var (survivor, duplicate) = await Duplicates();

        (await Host.PostJson($"/api/organizations/{duplicate}/merge", new { survivorId = survivor, reason = "Registered twice" },
            s => s.WithRequestHeader("If-Match", "\"1\""))).ShouldBeWritten(200, 2);

        var merged = await Host.GetOk($"/api/organizations/{duplicate}");
        Assert.Equal("Trade Ministry", merged.Text("name"));
        Assert.Equal(survivor, merged["mergedInto"]!.Value<Guid>("id"));
        Assert.Equal("Ministry of Trade", merged["mergedInto"]!.Text("name"));
        Assert.Equal(Today.Day(), merged["mergedInto"]!.Text("mergedOn"));
        var kept = await Host.GetOk($"/api/organizations/{survivor}");
        Assert.Null(kept["mergedInto"]);
        Assert.Equal("Trade Ministry", Assert.Single(kept.Array("absorbed"))!.Text("name"));

        var mergedHistory = (await Host.GetOk($"/api/organizations/{duplicate}/history")).AsArray();
        Assert.Equal(["organization_registered", "organization_merged"], mergedHistory.Select(e => e!.Text("type")));
        Assert.Equal("Registered twice", mergedHistory[1]!["data"]!.Text("reason"));
        Assert.Equal(survivor, mergedHistory[1]!["data"]!.Value<Guid>("survivorId"));
        var survivorHistory = (await Host.GetOk($"/api/organizations/{survivor}/history")).AsArray();
        Assert.Equal(["organization_registered", "organization_absorbed"], survivorHistory.Select(e => e!.Text("type")));
        Assert.Equal(duplicate, survivorHistory[1]!["data"]!.Value<Guid>("mergedId"));
    }

    [Fact]
    public async Task merging_into_itself_into_an_unknown_or_another_kind_of_organisation_is_refused_by_field()
    {
        var (survivor, duplicate) = await Duplicates();
        var member = await Host.Organization("Acme", "member");

        Assert.Contains("itself", (await Host.PostRejectingField($"/api/organizations/{duplicate}/merge",
            new { survivorId = duplicate, reason = "x" }, "survivorId"))[0]);
        Assert.Contains("no organisation", (await Host.PostRejectingField($"/api/organizations/{duplicate}/merge",
            new { survivorId = Guid.NewGuid(), reason = "x" }, "survivorId"))[0]);
        Assert.Contains("one kind", (await Host.PostRejectingField($"/api/organizations/{duplicate}/merge",
            new { survivorId = member, reason = "x" }, "survivorId"))[0]);
        await Host.PostRejectingField($"/api/organizations/{duplicate}/merge", new { reason = "x" }, "survivorId");
        await Host.PostRejectingField($"/api/organizations/{duplicate}/merge", new { survivorId = survivor, reason = " " }, "reason");
        await Host.PostRefused($"/api/organizations/{Guid.NewGuid()}/merge", new { survivorId = survivor, reason = "x" }, 404);
        await Host.PostRefused($"/api/organizations/{duplicate}/merge", new { survivorId = survivor, reason = "x" }, 412,
            s => s.WithRequestHeader("If-Match", "\"7\""));
    }

    [Fact]
    public async Task merging_from_or_into_an_organisation_already_merged_is_refused_saying_into_which()
    {
        var (survivor, duplicate) = await Duplicates();
        var third = (await Host.PostOk("/api/organizations", new { name = "Ministry of Trade (old)", kind = "government" }))["id"]!.GetValue<Guid>();
        (await Merge(duplicate, survivor)).ShouldBeWritten(200, 2);

        var again = await Host.PostRefused($"/api/organizations/{duplicate}/merge", new { survivorId = third, reason = "x" }, 409);
        Assert.Contains("already merged into Ministry of Trade", again.Text("detail"));

        var into = await Host.PostRejectingField($"/api/organizations/{third}/merge", new { survivorId = duplicate, reason = "x" }, "survivorId");
        Assert.Contains("merge into Ministry of Trade instead", into[0]);
    }

    [Fact]
    public void the_decision_names_both_sides_and_refuses_what_cannot_be_merged()
    {
        var day = new DateOnly(2026, 11, 24);
        var a = new Organization(Guid.NewGuid(), "Trade Ministry", OrganizationKind.Government, null, null, day, 1);
        var b = new Organization(Guid.NewGuid(), "Ministry of Trade", OrganizationKind.Government, null, null, day, 1);

        var decision = MergeOrganizationEndpoint.Decide(a, b, new MergeOrganization(b.Id, " twice "), day);
        var merged = Assert.IsType<OrganizationMerged>(decision.Events[0]);
        var absorbed = Assert.IsType<OrganizationAbsorbed>(decision.Events[1]);
        Assert.Equal((a.Id, b.Id, "Ministry of Trade", "twice", day), (merged.OrganizationId, merged.SurvivorId, merged.SurvivorName, merged.Reason, merged.MergedOn));
        Assert.Equal((b.Id, a.Id, "Trade Ministry"), (absorbed.OrganizationId, absorbed.MergedId, absorbed.MergedName));

        var gone = a.Apply(merged);
        Assert.Equal(409, MergeOrganizationEndpoint.Decide(gone, b, new MergeOrganization(b.Id, "x"), day).Rejection!.Status);
        Assert.Equal(400, MergeOrganizationEndpoint.Decide(b, gone, new MergeOrganization(a.Id, "x"), day).Rejection!.Status);
        Assert.Equal(400, MergeOrganizationEndpoint.Decide(a, a, new MergeOrganization(a.Id, "x"), day).Rejection!.Status);
        Assert.Equal(400, MergeOrganizationEndpoint.Decide(a, null, new MergeOrganization(Guid.NewGuid(), "x"), day).Rejection!.Status);
        Assert.Equal(400, MergeOrganizationEndpoint.Decide(a, b with { Kind = OrganizationKind.Member }, new MergeOrganization(b.Id, "x"), day)
            .Rejection!.Status);
    }

    [Fact]
    public void a_survivor_merged_later_answers_for_everything_merged_into_it()
    {
        var day = new DateOnly(2026, 11, 24);
        Organization Org(string name) => new(Guid.NewGuid(), name, OrganizationKind.Member, null, null, day, 1);
        var (a, b, c, other) = (Org("A"), Org("B"), Org("C"), Org("D"));
        var merges = Merges.Of([
            a with { MergedInto = new MergedInto(b.Id, "B", day, "x") }, b with { MergedInto = new MergedInto(c.Id, "C", day, "x") }, c, other
        ]);

        Assert.Equal(c.Id, merges.SurvivorOf(a.Id));
        Assert.Equal([c.Id, .. new[] { a.Id, b.Id }.Order()], merges.GroupOf(a.Id));
        Assert.Equal(merges.GroupOf(a.Id), merges.GroupOf(c.Id));
        Assert.Equal([other.Id], merges.GroupOf(other.Id));
    }

    /// <summary>
    /// The ministry was registered twice: a meeting, an ask, a commitment and a person went to each record before the
    /// duplicate was merged into the survivor today.
    /// </summary>
    private async Task<Scene> Scene_()
    {
        var (survivor, duplicate) = await Duplicates();
        var acme = await Host.Organization("Acme", "member");
        var first = await Host.Meeting("With the ministry", Today.AddDays(-40), [survivor, acme]);
        var second = await Host.Meeting("With the trade ministry", Today.AddDays(-20), [duplicate, acme]);
        var firstAsk = await Host.Suggestion(first, acme, survivor);
        var secondAsk = await Host.Suggestion(second, acme, duplicate);
        var promise = await Host.Commitment(second, duplicate, Today.AddDays(30));
        var official = await Host.Person("Vice Minister", duplicate);
        (await Merge(duplicate, survivor)).ShouldBeWritten(200, 2);
        await Fixture.SettleAsync();
        return new Scene(survivor, duplicate, acme, first, second, firstAsk, secondAsk, promise, official);
    }

    private sealed record Scene(Guid Survivor, Guid Duplicate, Guid Acme, Guid FirstMeeting, Guid SecondMeeting, Guid FirstAsk, Guid SecondAsk,
        Guid Promise, Guid Official);

    private static Guid[] Ids(JsonNode answer) => [.. answer.Array("items").Select(i => i!.Value<Guid>("id")).Order()];

    [Fact]
    public async Task lists_filtered_by_either_organisation_return_the_items_of_both()
    {
        var s = await Scene_();

        foreach (var id in new[] { s.Survivor, s.Duplicate })
        {
            Assert.Equal(new[] { s.FirstAsk, s.SecondAsk }.Order(), Ids(await Host.GetOk($"/api/asks?addressedToId={id}")));
            Assert.Equal([s.Promise], Ids(await Host.GetOk($"/api/commitments?ownerId={id}")));
            Assert.Equal(new[] { s.FirstMeeting, s.SecondMeeting }.Order(), Ids(await Host.GetOk($"/api/meetings?organizationId={id}")));
            Assert.Equal([s.Official], Ids(await Host.GetOk($"/api/people?organizationId={id}")));
        }
        Assert.Equal(2, (await Host.GetOk($"/api/asks?raisedById={s.Acme}")).Value<int>("total"));
    }

    [Fact]
    public async Task the_survivors_figures_and_timeline_include_the_merged_ones_and_the_merged_id_answers_with_the_survivors()
    {
        var s = await Scene_();

        foreach (var id in new[] { s.Survivor, s.Duplicate })
        {
            var figures = (await Host.GetOk($"/api/engagement/{id}"))["stakeholder"]!;
            Assert.Equal(s.Survivor, figures["organization"]!.Value<Guid>("id"));
            Assert.Equal(2, figures.Value<int>("meetings"));
            Assert.Equal(2, figures.Value<int>("openAsks"));
            Assert.Equal(1, figures.Value<int>("theirOpenCommitments"));
            Assert.Equal(Today.AddDays(-20).Day(), figures.Text("lastMetOn"));

            var timeline = (await Host.GetOk($"/api/organizations/{id}/timeline")).Array("items");
            var kinds = timeline.Select(e => e!.Text("kind")).ToList();
            Assert.Equal(2, kinds.Count(k => k == "meeting-held"));
            Assert.Equal(2, kinds.Count(k => k == "suggestion-raised"));
            Assert.Contains("organization-merged", kinds);
            Assert.Contains("organization-absorbed", kinds);
            Assert.Equal(timeline.Count, timeline.Select(e => e!.Value<long>("sequence")).Distinct().Count());
        }

        var register = (await Host.GetOk("/api/engagement")).Array("items").Select(i => i!["organization"]!.Value<Guid>("id")).ToList();
        Assert.Contains(s.Survivor, register);
        Assert.DoesNotContain(s.Duplicate, register);
        var row = (await Host.GetOk("/api/engagement")).Array("items").Single("organization", s.Survivor);
        Assert.Equal(2, row.Value<int>("openAsks"));

        // Met after the survivor itself, before the duplicate: the survivor, last met through the duplicate, comes first.
        var ports = await Host.Organization("Ports Authority");
        await Host.Meeting("With the ports", Today.AddDays(-30), [ports, s.Acme]);
        await Fixture.SettleAsync();
        var byLastMet = (await Host.GetOk("/api/engagement?sort=lastMetOn&limit=1")).Array("items");
        Assert.Equal(s.Survivor, Assert.Single(byLastMet)!["organization"]!.Value<Guid>("id"));
        var next = (await Host.GetOk($"/api/engagement?sort=lastMetOn&limit=1&cursor={(await Host.GetOk("/api/engagement?sort=lastMetOn&limit=1")).Text("nextCursor")}"))
            .Array("items");
        Assert.Equal(ports, Assert.Single(next)!["organization"]!.Value<Guid>("id"));

        var dashboard = await Host.GetOk("/api/dashboard");
        Assert.Equal(2, dashboard["headline"]!.Value<int>("stakeholders"));
        Assert.Equal(2, dashboard.Array("mostEngaged").Single("organization", s.Survivor).Value<int>("meetingsLast365Days"));
        Assert.Equal(3, (await Host.GetOk($"/api/dashboard?asOf={Today.AddDays(-1).Day()}"))["headline"]!.Value<int>("stakeholders"));
    }

    [Fact]
    public async Task the_register_hides_merged_organisations_and_finds_the_survivor_by_its_former_name()
    {
        var s = await Scene_();

        var register = await Host.GetOk("/api/organizations?kind=government");
        Assert.Equal([s.Survivor], Ids(register));
        Assert.Equal(new[] { s.Survivor, s.Duplicate }.Order(), Ids(await Host.GetOk("/api/organizations?kind=government&includeMerged=true")));
        Assert.Equal([s.Survivor], Ids(await Host.GetOk("/api/organizations?q=trade%20ministry")));
        (await Host.GetJson("/api/organizations?includeMerged=perhaps")).ShouldRejectField("includeMerged");

        var again = await Host.PostRefused("/api/organizations", new { name = "Trade Ministry", kind = "government" }, 409);
        Assert.Equal(s.Survivor, Assert.Single(again["duplicates"]!.AsArray())!.Value<Guid>("id"));
    }

    [Fact]
    public async Task as_of_a_day_before_the_merge_the_two_are_apart()
    {
        var s = await Scene_();
        var before = Today.AddDays(-1).Day();

        Assert.Equal([s.FirstAsk], Ids(await Host.GetOk($"/api/asks?addressedToId={s.Survivor}&asOf={before}")));
        Assert.Equal([s.SecondAsk], Ids(await Host.GetOk($"/api/asks?addressedToId={s.Duplicate}&asOf={before}")));
        Assert.Empty(Ids(await Host.GetOk($"/api/people?organizationId={s.Survivor}&asOf={before}")));
        Assert.Equal(1, (await Host.GetOk($"/api/engagement/{s.Survivor}?asOf={before}"))["stakeholder"]!.Value<int>("meetings"));
        var apart = await Host.GetOk($"/api/engagement/{s.Duplicate}?asOf={before}");
        Assert.Equal(s.Duplicate, apart["stakeholder"]!["organization"]!.Value<Guid>("id"));
        var kinds = (await Host.GetOk($"/api/organizations/{s.Survivor}/timeline?asOf={before}")).Array("items").Select(e => e!.Text("kind"));
        Assert.Equal(1, kinds.Count(k => k == "meeting-held"));
        Assert.Equal(new[] { s.Survivor, s.Duplicate }.Order(), Ids(await Host.GetOk($"/api/organizations?kind=government&asOf={before}")));
        Assert.Contains(s.Duplicate, (await Host.GetOk($"/api/engagement?asOf={before}")).Array("items")
            .Select(i => i!["organization"]!.Value<Guid>("id")));
    }

    [Fact]
    public async Task new_records_naming_the_merged_organisation_are_refused_naming_the_survivor()
    {
        var s = await Scene_();

        var meeting = await Host.PostRejectingField("/api/meetings",
            new { title = "Late", heldOn = Today, organizationIds = new[] { s.Acme, s.Duplicate } }, "organizationIds[1]");
        Assert.Contains("use Ministry of Trade", meeting[0]);
        Assert.Contains("Ministry of Trade", (await Host.PostRejectingField($"/api/meetings/{s.FirstMeeting}/suggestions",
            new { raisedById = s.Acme, addressedToId = s.Duplicate, text = "Please" }, "addressedToId"))[0]);
        await Host.PostRejectingField($"/api/meetings/{s.FirstMeeting}/commitments", new { ownerId = s.Duplicate, description = "We will" },
            "ownerId");
        await Host.PostRejectingField("/api/people", new { name = "Someone", organizationId = s.Duplicate }, "organizationId");
        await Host.PostRejectingField($"/api/people/{s.Official}/posts", new { organizationId = s.Duplicate, title = "Minister" }, "organizationId");

        Assert.Equal(201, (await Host.PostJson("/api/meetings", new { title = "Late", heldOn = Today, organizationIds = new[] { s.Survivor } })).Status);
    }

    [Fact]
    public async Task an_import_naming_the_merged_organisation_files_its_rows_under_the_survivor_and_matches_what_is_there()
    {
        var (survivor, duplicate) = await Duplicates();
        const string meetings = """
            title,heldOn,organizations
            Quay inspection,2026-10-01,Trade Ministry
            """;
        await Engagement.Tests.Imports.ImportScenarios.Import(Host, "meetings", meetings);
        (await Merge(duplicate, survivor)).ShouldBeWritten(200, 2);

        var again = await Engagement.Tests.Imports.ImportScenarios.Previewed(Host, "meetings", meetings);
        Assert.Equal((0, 1), (again.Value<int>("toCreate"), again.Value<int>("matched")));
        await Engagement.Tests.Imports.ImportScenarios.Import(Host, "meetings", """
            title,heldOn,organizations
            Port visit,2026-10-02,Trade Ministry
            """);
        await Fixture.SettleAsync();
        var logged = (await Host.GetOk("/api/meetings?q=port")).Array("items").Single()!;
        Assert.Equal(survivor, Assert.Single(logged.Array("organizations"))!.Value<Guid>("id"));
        Assert.Equal(2, (await Host.GetOk($"/api/meetings?organizationId={survivor}")).Value<int>("total"));
    }

    [Fact]
    public async Task the_survivors_calendar_feed_holds_the_merged_ones_due_dates()
    {
        var s = await Scene_();

        var url = (await Host.PostOk("/api/me/calendar-feeds", new { organizationId = s.Survivor })).Text("url");

        var response = await new Engagement.Tests.Security.Browser(Host).Get(url);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal([$"commitment-{s.Promise}@engagement"], calendar.Events.Select(e => e.Uid));
    }

    [Fact]
    public async Task a_member_report_for_the_survivor_includes_the_asks_raised_as_the_merged_member()
    {
        var ministry = await Host.Organization("Ministry");
        var (survivor, duplicate) = await Duplicates("member");
        var meeting = await Host.Meeting("Round table", Today.AddDays(-10), [ministry, survivor, duplicate]);
        await Host.Suggestion(meeting, survivor, ministry);
        await Host.Suggestion(meeting, duplicate, ministry);
        (await Merge(duplicate, survivor)).ShouldBeWritten(200, 2);

        var report = await Host.GetOk($"/api/reports/member?organizationId={survivor}&from={Today.AddDays(-30).Day()}&to={Today.Day()}");
        Assert.Equal(2, report.Array("asks").Count);
        Assert.Equal(2, (await Host.GetOk($"/api/asks?raisedById={duplicate}")).Value<int>("total"));
    }
}
