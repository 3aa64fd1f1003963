using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Meetings;

public class logging_meetings(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_logged_meeting_can_be_read_back_with_names_resolved()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var amcham = await Host.Organization("AmCham China", "chamber");
        var viceMinister = await Host.Person("Vice Minister A", most, "Vice Minister", new DateOnly(2023, 1, 1));

        var response = await Host.PostJson("/api/meetings", new
        {
            title = " Innovation dialogue ", heldOn = "2023-07-14", location = " Beijing ", organizationIds = new[] { most, amcham },
            participantIds = new[] { viceMinister }, topics = new[] { "Innovation", " innovation ", "Market access " },
            summary = " Talked about R&D. ", sourceUrl = "https://www.most.gov.cn/news/2023-07-14"
        });

        var id = response.ShouldBeWritten(201, 1);
        Assert.Equal($"/api/meetings/{id}", response.Result.Context.Response.Headers.Location.ToString());
        var meeting = await Host.GetOk($"/api/meetings/{id}");
        Assert.Equal("Innovation dialogue", meeting.Text("title"));
        Assert.Equal("2023-07-14", meeting.Text("heldOn"));
        Assert.Equal("Beijing", meeting.Text("location"));
        Assert.Equal(["Ministry of Science and Technology", "AmCham China"],
            meeting["organizations"]!.AsArray().Select(o => o!.Text("name")));
        Assert.Equal([most, amcham], meeting["organizations"]!.AsArray().Select(o => o!["id"]!.GetValue<Guid>()));
        var participant = Assert.Single(meeting["participants"]!.AsArray())!;
        Assert.Equal(viceMinister, participant["id"]!.GetValue<Guid>());
        Assert.Equal("Vice Minister A", participant.Text("name"));
        Assert.Equal("Vice Minister", participant.Text("title"));
        Assert.Equal("Ministry of Science and Technology", participant["organization"]!.Text("name"));
        Assert.Equal(["Innovation", "Market access"], meeting["topics"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Talked about R&D.", meeting.Text("summary"));
        Assert.Equal("https://www.most.gov.cn/news/2023-07-14", meeting.Text("sourceUrl"));
        Assert.Empty(meeting["notes"]!.AsArray());
        Assert.Empty(meeting["suggestions"]!.AsArray());
        Assert.Empty(meeting["commitments"]!.AsArray());
        Assert.Equal(1, meeting["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task only_a_title_a_day_and_an_organisation_are_needed()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        var id = (await Host.PostJson("/api/meetings", new { title = "Call", heldOn = "2026-11-24", organizationIds = new[] { most } }))
            .ShouldBeWritten(201, 1);

        var meeting = await Host.GetOk($"/api/meetings/{id}");
        Assert.Null(meeting["location"]);
        Assert.Null(meeting["summary"]);
        Assert.Null(meeting["sourceUrl"]);
        Assert.Empty(meeting["participants"]!.AsArray());
        Assert.Empty(meeting["topics"]!.AsArray());
    }

    [Fact]
    public async Task a_meeting_cannot_be_held_in_the_future()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        var messages = await Host.PostRejectingField("/api/meetings",
            new { title = "Call", heldOn = "2026-11-25", organizationIds = new[] { most } }, "heldOn");

        Assert.Equal(["must not be after today (2026-11-24)"], messages);
    }

    [Fact]
    public async Task title_and_day_are_required()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        var problem = await Host.PostRefused("/api/meetings", new { organizationIds = new[] { most } }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("title") && errors.ContainsKey("heldOn"), problem.ToJsonString());
    }

    [Fact]
    public async Task at_least_one_organisation_is_needed()
    {
        var messages = await Host.PostRejectingField("/api/meetings",
            new { title = "Call", heldOn = "2026-11-01", organizationIds = Array.Empty<Guid>() }, "organizationIds");
        Assert.Equal(["must name at least one organisation"], messages);

        await Host.PostRejectingField("/api/meetings", new { title = "Call", heldOn = "2026-11-01" }, "organizationIds");
    }

    [Fact]
    public async Task every_organisation_must_exist_and_the_error_names_its_position()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var amcham = await Host.Organization("AmCham China", "chamber");

        var problem = await Host.PostRefused("/api/meetings",
            new { title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most, Guid.NewGuid(), amcham, Guid.NewGuid() } }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["organizationIds[1]", "organizationIds[3]"], errors.Select(e => e.Key).Order());
        Assert.Equal("no organisation with this id", errors["organizationIds[1]"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task every_participant_must_be_a_person_that_exists()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var viceMinister = await Host.Person("Vice Minister A", most);

        var problem = await Host.PostRefused("/api/meetings", new
        {
            title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most }, participantIds = new[] { viceMinister, most, Guid.NewGuid() }
        }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["participantIds[1]", "participantIds[2]"], errors.Select(e => e.Key).Order());
        Assert.Equal("no person with this id", errors["participantIds[2]"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task the_same_organisation_or_participant_twice_is_refused()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var viceMinister = await Host.Person("Vice Minister A", most);

        Assert.Equal(["must not list the same id twice"], await Host.PostRejectingField("/api/meetings",
            new { title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most, most } }, "organizationIds"));
        await Host.PostRejectingField("/api/meetings",
            new { title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most }, participantIds = new[] { viceMinister, viceMinister } },
            "participantIds");
    }

    [Fact]
    public async Task at_most_a_hundred_ids_are_taken_in_a_list()
    {
        var ids = Enumerable.Range(0, Limits.References + 1).Select(_ => Guid.NewGuid()).ToArray();

        var messages = await Host.PostRejectingField("/api/meetings", new { title = "Call", heldOn = "2026-11-01", organizationIds = ids },
            "organizationIds");

        Assert.Equal(["must have at most 100 entries"], messages);
    }

    [Fact]
    public async Task at_most_twenty_topics_of_at_most_a_hundred_characters()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        Assert.Equal(["must have at most 20 entries"], await Host.PostRejectingField("/api/meetings", new
        {
            title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most },
            topics = Enumerable.Range(1, Limits.Topics + 1).Select(i => $"topic {i}")
        }, "topics"));
        Assert.Equal(["must be at most 100 characters"], await Host.PostRejectingField("/api/meetings", new
        {
            title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most }, topics = new[] { "trade", new string('t', Limits.Topic + 1) }
        }, "topics[1]"));
        Assert.Equal(201, (await Host.PostJson("/api/meetings", new
        {
            title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most },
            topics = Enumerable.Range(1, Limits.Topics - 1).Select(i => $"topic {i}").Append(new string('t', Limits.Topic))
        })).Status);
    }

    [Fact]
    public async Task a_blank_or_missing_topic_is_refused_by_position()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        await Host.PostRejectingField("/api/meetings",
            new { title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most }, topics = new[] { "trade", "  " } }, "topics[1]");
        await Host.PostRejectingField("/api/meetings",
            new { title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most }, topics = new[] { null, "trade" } }, "topics[0]");
    }

    [Theory]
    [InlineData("title", Limits.Title)]
    [InlineData("location", Limits.Title)]
    [InlineData("summary", Limits.Text)]
    public async Task text_over_its_limit_is_refused(string field, int limit)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var body = new Dictionary<string, object>
        {
            ["title"] = "Call", ["heldOn"] = "2026-11-01", ["organizationIds"] = new[] { most }, [field] = new string('x', limit + 1)
        };

        Assert.Equal([$"must be at most {limit} characters"], await Host.PostRejectingField("/api/meetings", body, field));
    }

    [Theory]
    [InlineData("mailto:press@most.gov.cn")]
    [InlineData("most.gov.cn/news")]
    public async Task the_source_must_be_a_web_address(string sourceUrl)
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        await Host.PostRejectingField("/api/meetings",
            new { title = "Call", heldOn = "2026-11-01", organizationIds = new[] { most }, sourceUrl }, "sourceUrl");
    }

    [Fact]
    public async Task an_id_that_is_not_a_guid_is_a_400_naming_its_position()
    {
        var most = await Host.Organization("Ministry of Science and Technology");

        await Host.PostRejectingField("/api/meetings",
            $$"""{"title":"Call","heldOn":"2026-11-01","organizationIds":["{{most}}","amcham"]}""", "organizationIds[1]");
    }
}
