using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;

namespace Engagement.Tests.Imports;

public class importing_people_and_meetings(AppFixture fixture) : ApiTest(fixture)
{
    private async Task Organisations() => await Host.Import("organizations", """
        externalId,name,kind
        org-1,Ministry of Science and Technology,government
        org-2,AmCham China,chamber
        """);

    private const string People = """
        externalId,name,title,organization,organizationExternalId,since
        p-1,Vice Minister A,Vice Minister,Ministry of Science and Technology,,2023-01-15
        p-2,President B,President,,org-2,
        """;

    [Fact]
    public async Task people_are_placed_at_organisations_named_or_given_by_their_external_id()
    {
        Clock.SetToday(new DateOnly(2026, 3, 5));
        await Organisations();

        await Host.Import("people", People);

        var people = (await Host.GetOk("/api/people?sort=name"))["items"]!.AsArray();
        Assert.Equal(["President B", "Vice Minister A"], people.Select(p => p!.Text("name")));
        var minister = await Host.GetOk($"/api/people/{people[1]!.Id()}");
        Assert.Equal("Vice Minister", minister.Text("title"));
        Assert.Equal("2023-01-15", minister["posts"]![0]!.Text("since"));
        Assert.Equal("2026-03-05", (await Host.GetOk($"/api/people/{people[0]!.Id()}"))["posts"]![0]!.Text("since"));
    }

    [Fact]
    public async Task a_person_at_an_unknown_organisation_or_with_a_bad_date_is_a_row_error()
    {
        await Organisations();

        var preview = await Host.Previewed("people", """
            name,organization,since
            Someone,Ministry of Nowhere,
            Other,AmCham China,2099-01-01
            Third,AmCham China,15/01/2023
            """);

        var errors = preview["errors"]!.AsArray().Select(e => e!).Select(e => (e.Int("row"), e.Text("column"))).ToList();
        Assert.Equal([(2, "organization"), (3, "since"), (4, "since")], errors);
    }

    [Fact]
    public async Task reimporting_people_changes_nothing()
    {
        await Organisations();
        await Host.Import("people", People);
        var events = await EventCount();

        var again = await Host.Import("people", People);

        Assert.Equal(0, again.Int("created"));
        Assert.Equal(events, await EventCount());
    }

    private const string Meetings = """
        externalId,title,heldOn,location,organizations,participants,topics,summary,sourceUrl
        ,Innovation dialogue,2023-07-14,Beijing,Ministry of Science and Technology; AmCham China,Vice Minister A;President B,innovation; data flows,Met on R&D,https://example.org/readout
        ,Follow-up call,2023-09-01,,AmCham China,,,,
        """;

    [Fact]
    public async Task meetings_are_logged_with_their_organisations_participants_and_topics_and_a_reimport_changes_nothing()
    {
        await Organisations();
        await Host.Import("people", People);

        await Host.Import("meetings", Meetings);
        var events = await EventCount();
        await Fixture.SettleAsync();

        var meetings = (await Host.GetOk("/api/meetings?sort=heldOn&order=asc"))["items"]!.AsArray();
        Assert.Equal(2, meetings.Count);
        var dialogue = await Host.GetOk($"/api/meetings/{meetings.Single(m => m!.Text("title") == "Innovation dialogue")!.Id()}");
        Assert.Equal("2023-07-14", dialogue.Text("heldOn"));
        Assert.Equal(["Ministry of Science and Technology", "AmCham China"], dialogue["organizations"]!.AsArray().Select(o => o!.Text("name")));
        Assert.Equal(["Vice Minister A", "President B"], dialogue["participants"]!.AsArray().Select(p => p!.Text("name")));
        Assert.Equal(["innovation", "data flows"], dialogue["topics"]!.AsArray().Select(t => t!.GetValue<string>()));

        var again = await Host.Import("meetings", Meetings);
        Assert.Equal(2, again.Int("matched"));
        Assert.Equal(events, await EventCount());
    }

    [Fact]
    public async Task a_meeting_with_unknown_organisations_or_participants_is_a_row_error()
    {
        await Organisations();

        var preview = await Host.Previewed("meetings", """
            title,heldOn,organizations,participants
            Talk,2023-07-14,Ministry of Nowhere,
            Talk,2023-07-14,AmCham China,Nobody Known
            Talk,2023-07-14,,
            ,2023-13-01,AmCham China,
            """);

        var errors = preview["errors"]!.AsArray().Select(e => e!).Select(e => (e.Int("row"), e.Text("column"))).ToList();
        Assert.Equal([(2, "organizations"), (3, "participants"), (4, "organizations"), (5, "heldOn"), (5, "title")],
            errors.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ToList());
    }
}
