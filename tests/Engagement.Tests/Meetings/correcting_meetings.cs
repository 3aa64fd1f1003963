using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Meetings;

public class correcting_meetings(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> LoggedMeeting()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        return (await Host.PostOk("/api/meetings", new
        {
            title = "Innovation dialogue", heldOn = "2023-07-14", location = "Beijing", organizationIds = new[] { most },
            topics = new[] { "innovation" }, summary = "Talked about R&D.", sourceUrl = "https://www.most.gov.cn/a"
        }))["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task a_correction_changes_only_the_fields_given_and_keeps_the_original_in_the_history()
    {
        var meeting = await LoggedMeeting();

        var response = await Host.PostJson($"/api/meetings/{meeting}/corrections",
            new { title = " Innovation and IP dialogue ", topics = new[] { "innovation", "IP" }, reason = " Wrong title " });

        Assert.Equal(meeting, response.ShouldBeWritten(200, 2));
        var read = await Host.GetOk($"/api/meetings/{meeting}");
        Assert.Equal("Innovation and IP dialogue", read.Text("title"));
        Assert.Equal(["innovation", "IP"], read["topics"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Beijing", read.Text("location"));
        Assert.Equal("Talked about R&D.", read.Text("summary"));
        Assert.Equal("https://www.most.gov.cn/a", read.Text("sourceUrl"));
        Assert.Equal("2023-07-14", read.Text("heldOn"));

        var history = (await Host.GetOk($"/api/meetings/{meeting}/history")).AsArray();
        Assert.Equal(["meeting_logged", "meeting_corrected"], history.Select(e => e!.Text("type")));
        Assert.Equal("Innovation dialogue", history[0]!["data"]!.Text("title"));
        Assert.Equal("Wrong title", history[1]!["data"]!.Text("reason"));
        Assert.Equal("2026-11-24", history[1]!["data"]!.Text("correctedOn"));
    }

    [Fact]
    public async Task location_summary_and_source_can_be_corrected()
    {
        var meeting = await LoggedMeeting();

        await Host.PostOk($"/api/meetings/{meeting}/corrections",
            new { location = "Shanghai", summary = "Talked about IP.", sourceUrl = "https://www.most.gov.cn/b", reason = "Notes mixed up" });

        var read = await Host.GetOk($"/api/meetings/{meeting}");
        Assert.Equal(("Shanghai", "Talked about IP.", "https://www.most.gov.cn/b", "Innovation dialogue"),
            (read.Text("location"), read.Text("summary"), read.Text("sourceUrl"), read.Text("title")));
    }

    [Fact]
    public async Task topics_can_be_cleared_with_an_empty_list()
    {
        var meeting = await LoggedMeeting();

        await Host.PostOk($"/api/meetings/{meeting}/corrections", new { topics = Array.Empty<string>(), reason = "No topics were discussed" });

        Assert.Empty((await Host.GetOk($"/api/meetings/{meeting}"))["topics"]!.AsArray());
    }

    [Fact]
    public async Task a_correction_that_changes_nothing_is_refused()
    {
        var meeting = await LoggedMeeting();

        var problem = await Host.PostRefused($"/api/meetings/{meeting}/corrections",
            new { title = " Innovation dialogue ", topics = new[] { " innovation " }, location = "Beijing", reason = "Typo" }, 400);

        Assert.Contains("changes nothing", problem["errors"]!.AsObject().Single().Value![0]!.GetValue<string>());
    }

    [Fact]
    public async Task a_correction_with_only_a_reason_is_refused()
    {
        var meeting = await LoggedMeeting();

        await Host.PostRefused($"/api/meetings/{meeting}/corrections", new { reason = "Typo" }, 400);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task a_correction_needs_a_reason(string? reason)
    {
        var meeting = await LoggedMeeting();

        await Host.PostRejectingField($"/api/meetings/{meeting}/corrections", new { title = "New", reason }, "reason");
    }

    [Fact]
    public async Task the_title_cannot_be_corrected_to_blank()
    {
        var meeting = await LoggedMeeting();

        Assert.Contains("must not be blank",
            await Host.PostRejectingField($"/api/meetings/{meeting}/corrections", new { title = " ", reason = "Typo" }, "title"));
    }

    [Fact]
    public async Task corrected_fields_follow_the_same_rules_as_logged_ones()
    {
        var meeting = await LoggedMeeting();

        await Host.PostRejectingField($"/api/meetings/{meeting}/corrections", new { sourceUrl = "ftp://x", reason = "r" }, "sourceUrl");
        await Host.PostRejectingField($"/api/meetings/{meeting}/corrections",
            new { title = new string('t', Limits.Title + 1), reason = "r" }, "title");
        await Host.PostRejectingField($"/api/meetings/{meeting}/corrections",
            new { topics = new[] { "ok", "" }, reason = "r" }, "topics[1]");
        await Host.PostRejectingField($"/api/meetings/{meeting}/corrections",
            new { location = "Bei\u0000jing", reason = "r" }, "location");
        await Host.PostRejectingField($"/api/meetings/{meeting}/corrections",
            new { title = "New", reason = new string('r', Limits.Note + 1) }, "reason");
    }

    [Fact]
    public async Task the_day_of_a_meeting_is_not_a_field_of_a_correction()
    {
        var meeting = await LoggedMeeting();

        await Host.PostRejectingField($"/api/meetings/{meeting}/corrections", new { heldOn = "2023-07-15", reason = "r" }, "heldOn");
    }

    [Fact]
    public async Task correcting_an_unknown_meeting_is_a_404()
    {
        await Host.PostRefused($"/api/meetings/{Guid.NewGuid()}/corrections", new { title = "New", reason = "r" }, 404);
    }
}
