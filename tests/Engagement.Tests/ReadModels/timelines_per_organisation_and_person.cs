using Engagement.Tests.Support;

namespace Engagement.Tests.ReadModels;

public class timelines_per_organisation_and_person(AppFixture fixture) : ApiTest(fixture)
{
    private DateOnly Today => Clock.Today;

    [Fact]
    public async Task an_organisations_timeline_has_everything_that_happened_with_it_newest_first_each_linked()
    {
        var ministry = await Host.Organization("Ministry");
        var acme = await Host.Organization("Acme", "member");
        var elsewhere = await Host.Organization("Elsewhere");
        var meeting = await Host.Meeting("Round table", Today.AddDays(-30), [ministry, acme]);
        await Host.Meeting("Not with the ministry", Today.AddDays(-3), [elsewhere, acme]);
        var ask = await Host.Suggestion(meeting, acme, ministry);
        var commitment = await Host.Commitment(meeting, ministry, Today.AddDays(30));
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "Minutes circulated", notedOn = Today.AddDays(-25) });
        await Host.Respond(ask, Today.AddDays(-20));
        await Host.PostOk($"/api/commitments/{commitment}/progress", new { note = "Draft shared", notedOn = Today.AddDays(-10) });
        await Host.Fulfil(commitment, Today.AddDays(-5));
        await Fixture.SettleAsync();

        var answer = await Host.GetOk($"/api/organizations/{ministry}/timeline");

        Assert.Equal("Ministry", answer["subject"]!.Value<string>("name"));
        var entries = answer.Array("items");
        Assert.Equal(
        [
            "organization-registered", "commitment-fulfilled", "commitment-progressed", "suggestion-answered", "meeting-note-added",
            "commitment-made", "suggestion-raised", "meeting-held"
        ], entries.Select(e => e!.Value<string>("kind")));
        Assert.Equal(
        [
            Today, Today.AddDays(-5), Today.AddDays(-10), Today.AddDays(-20), Today.AddDays(-25), Today.AddDays(-30), Today.AddDays(-30),
            Today.AddDays(-30)
        ], entries.Select(e => DateOnly.Parse(e!.Value<string>("on"))));

        var answered = entries.Single(e => e!.Value<string>("kind") == "suggestion-answered")!;
        Assert.Equal($"/api/suggestions/{ask}", answered.Value<string>("href"));
        Assert.Equal(meeting, answered["meeting"]!.Value<Guid>("id"));
        Assert.Equal("Round table", answered["meeting"]!.Value<string>("title"));
        Assert.Equal("Acme", answered["suggestion"]!["raisedBy"]!.Value<string>("name"));
        Assert.Equal("We are looking into it", answered.Value<string>("detail"));
        var fulfilled = entries.Single(e => e!.Value<string>("kind") == "commitment-fulfilled")!;
        Assert.Equal($"/api/commitments/{commitment}", fulfilled.Value<string>("href"));
        Assert.Equal("We will follow up", fulfilled["commitment"]!.Value<string>("description"));
        Assert.Equal($"/api/meetings/{meeting}", entries.Single(e => e!.Value<string>("kind") == "meeting-held")!.Value<string>("href"));

        var freshness = answer["freshness"]!;
        Assert.Equal(Engagement.Timelines.TimelineProjection.ProjectionName, freshness.Value<string>("projection"));
        Assert.Equal(freshness.Value<long>("lastEventSequence"), freshness.Value<long>("processedSequence"));
        Assert.Equal(0, freshness.Value<long>("eventsBehind"));
    }

    [Fact]
    public async Task a_person_who_changed_organisation_shows_each_meeting_with_the_organisation_they_represented_then()
    {
        var ministry = await Host.Organization("Ministry");
        var bureau = await Host.Organization("Bureau");
        var li = (await Host.PostOk("/api/people", new { name = "Li", title = "Director", organizationId = ministry, since = Today.AddDays(-400) }))
            .Value<Guid>("id");
        var before = await Host.Meeting("Before the move", Today.AddDays(-300), [ministry], [li]);
        await Host.PostOk($"/api/people/{li}/posts", new { title = "Deputy Head", organizationId = bureau, since = Today.AddDays(-100) });
        var after = await Host.Meeting("After the move", Today.AddDays(-50), [bureau], [li]);
        await Fixture.SettleAsync();

        var entries = (await Host.GetOk($"/api/people/{li}/timeline")).Array("items");

        Assert.Equal(["meeting-held", "person-changed-post", "meeting-held", "person-registered"], entries.Select(e => e!.Value<string>("kind")));
        Assert.Equal(after, entries[0]!["meeting"]!.Value<Guid>("id"));
        Assert.Equal("Bureau", entries[0]!["organization"]!.Value<string>("name"));
        Assert.Equal("Bureau", entries[1]!["organization"]!.Value<string>("name"));
        Assert.Equal("Deputy Head", entries[1]!.Value<string>("detail"));
        Assert.Equal(before, entries[2]!["meeting"]!.Value<Guid>("id"));
        Assert.Equal("Ministry", entries[2]!["organization"]!.Value<string>("name"));

        var bureauKinds = (await Host.GetOk($"/api/organizations/{bureau}/timeline")).Array("items")
            .Select(e => e!.Value<string>("kind")).ToList();
        Assert.Equal(["organization-registered", "meeting-held", "person-changed-post"], bureauKinds);
        var ministryMeetings = (await Host.GetOk($"/api/organizations/{ministry}/timeline")).Array("items")
            .Where(e => e!.Value<string>("kind") == "meeting-held").Select(e => e!["meeting"]!.Value<Guid>("id"));
        Assert.Equal([before], ministryMeetings);
    }

    [Fact]
    public async Task the_timeline_of_an_unknown_organisation_or_person_is_a_404()
    {
        (await Host.GetJson($"/api/organizations/{Guid.NewGuid()}/timeline")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/people/{Guid.NewGuid()}/timeline")).ShouldBeProblem(404);
    }
}
