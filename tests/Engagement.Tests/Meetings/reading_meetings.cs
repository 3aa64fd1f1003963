using System.Text.Json.Nodes;
using Engagement.Tests.Support;

namespace Engagement.Tests.Meetings;

public class reading_meetings(AppFixture fixture) : ApiTest(fixture)
{
    private static JsonNode Only(JsonNode meeting, string list) => Assert.Single(meeting[list]!.AsArray())!;

    [Fact]
    public async Task participants_appear_with_the_title_and_organisation_they_had_on_the_day()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var mofcom = await Host.Organization("Ministry of Commerce");
        var viceMinister = await Host.Person("Vice Minister A", most, "Director-General", new DateOnly(2020, 3, 1));
        var before = await Host.Meeting(new DateOnly(2023, 5, 31), [most], [viceMinister]);
        var onTheDay = await Host.Meeting(new DateOnly(2023, 6, 1), [mofcom], [viceMinister]);
        await Host.PostOk($"/api/people/{viceMinister}/posts", new { title = "Vice Minister", organizationId = mofcom, since = "2023-06-01" });
        var after = await Host.Meeting(new DateOnly(2024, 1, 10), [mofcom], [viceMinister]);

        var then = Only(await Host.GetOk($"/api/meetings/{before}"), "participants");
        Assert.Equal("Director-General", then.Text("title"));
        Assert.Equal(most, then["organization"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Ministry of Science and Technology", then["organization"]!.Text("name"));
        foreach (var meeting in new[] { onTheDay, after })
        {
            var now = Only(await Host.GetOk($"/api/meetings/{meeting}"), "participants");
            Assert.Equal("Vice Minister", now.Text("title"));
            Assert.Equal("Ministry of Commerce", now["organization"]!.Text("name"));
        }
    }

    [Fact]
    public async Task a_participant_registered_after_the_meeting_appears_with_the_current_post()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var viceMinister = await Host.Person("Vice Minister A", most, "Vice Minister", new DateOnly(2026, 11, 1));

        var meeting = await Host.Meeting(new DateOnly(2023, 7, 14), [most], [viceMinister]);

        var participant = Only(await Host.GetOk($"/api/meetings/{meeting}"), "participants");
        Assert.Equal("Vice Minister", participant.Text("title"));
        Assert.Equal("Ministry of Science and Technology", participant["organization"]!.Text("name"));
    }

    [Fact]
    public async Task participants_keep_the_order_they_were_logged_in()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var zhang = await Host.Person("Director C", most);
        var li = await Host.Person("Vice Minister A", most);

        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), [most], [zhang, li]);

        Assert.Equal(["Director C", "Vice Minister A"],
            (await Host.GetOk($"/api/meetings/{meeting}"))["participants"]!.AsArray().Select(p => p!.Text("name")));
    }

    [Fact]
    public async Task the_suggestions_and_commitments_raised_in_a_meeting_appear_with_their_current_status()
    {
        Clock.SetToday(new DateOnly(2026, 11, 24));
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most, pharma);
        var elsewhere = await Host.Meeting(new DateOnly(2026, 11, 2), most, pharma);
        var answered = await Host.Suggestion(meeting, pharma, most, "data");
        var resolved = await Host.Suggestion(meeting, pharma, most, "patents");
        await Host.Suggestion(elsewhere, pharma, most, "elsewhere");
        await Host.PostOk($"/api/suggestions/{answered}/responses", new { text = "We are looking into it" });
        await Host.PostOk($"/api/suggestions/{resolved}/resolution", new { outcome = "partially-adopted" });
        var overdue = await Host.Commitment(meeting, most, new DateOnly(2026, 11, 20), answered);
        var fulfilled = await Host.Commitment(meeting, pharma, new DateOnly(2026, 11, 10));
        await Host.PostOk($"/api/commitments/{fulfilled}/fulfilment", new { });
        await Host.Commitment(elsewhere, pharma);

        var read = await Host.GetOk($"/api/meetings/{meeting}");

        var suggestions = read["suggestions"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<Guid>());
        Assert.Equal([answered, resolved], suggestions.Keys.Order());
        Assert.Equal("answered", suggestions[answered]!.Text("status"));
        Assert.Null(suggestions[answered]!["outcome"]);
        Assert.Equal("data", suggestions[answered]!.Text("topic"));
        Assert.Equal("Please consider this", suggestions[answered]!.Text("text"));
        Assert.Equal("Example Pharma China", suggestions[answered]!["raisedBy"]!.Text("name"));
        Assert.Equal("Ministry of Science and Technology", suggestions[answered]!["addressedTo"]!.Text("name"));
        Assert.Equal("resolved", suggestions[resolved]!.Text("status"));
        Assert.Equal("partially-adopted", suggestions[resolved]!.Text("outcome"));

        var commitments = read["commitments"]!.AsArray().ToDictionary(c => c!["id"]!.GetValue<Guid>());
        Assert.Equal([overdue, fulfilled], commitments.Keys.Order());
        Assert.Equal("open", commitments[overdue]!.Text("status"));
        Assert.True(commitments[overdue]!["overdue"]!.GetValue<bool>());
        Assert.Equal(answered, commitments[overdue]!["suggestionId"]!.GetValue<Guid>());
        Assert.Equal("2026-11-20", commitments[overdue]!.Text("dueOn"));
        Assert.Equal("Ministry of Science and Technology", commitments[overdue]!["owner"]!.Text("name"));
        Assert.Equal("fulfilled", commitments[fulfilled]!.Text("status"));
        Assert.False(commitments[fulfilled]!["overdue"]!.GetValue<bool>());
        Assert.Equal("Example Pharma China", commitments[fulfilled]!["owner"]!.Text("name"));
    }

    [Fact]
    public async Task reading_a_meeting_answers_its_version_as_the_etag()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);
        await Host.PostOk($"/api/meetings/{meeting}/notes", new { text = "Follow-up call booked" });

        var (_, body, result) = await Host.GetJson($"/api/meetings/{meeting}");

        Assert.Equal("\"2\"", result.Context.Response.Headers.ETag.ToString());
        Assert.Equal(2, body!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task an_unknown_meeting_is_a_404_problem()
    {
        var id = Guid.NewGuid();

        var problem = (await Host.GetJson($"/api/meetings/{id}")).ShouldBeProblem(404);

        Assert.Equal($"No meeting with id {id}.", problem.Text("detail"));
    }

    [Fact]
    public async Task an_organisation_id_is_not_a_meeting()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        (await Host.GetJson($"/api/meetings/{most}")).ShouldBeProblem(404);
    }
}
