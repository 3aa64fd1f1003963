using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Commitments;

public class making_commitments(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_commitment_is_open_and_made_on_the_day_of_the_meeting()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = (await Host.PostOk("/api/meetings",
            new { title = "Innovation dialogue", heldOn = "2026-11-01", organizationIds = new[] { most, pharma } }))["id"]!.GetValue<Guid>();
        var suggestion = await Host.Suggestion(meeting, pharma, most);

        var response = await Host.PostJson($"/api/meetings/{meeting}/commitments",
            new { ownerId = most, description = " Send the draft rules for comment ", dueOn = "2026-12-31", suggestionId = suggestion });

        var id = response.ShouldBeWritten(201, 1);
        Assert.Equal($"/api/commitments/{id}", response.Result.Context.Response.Headers.Location.ToString());
        var commitment = await Host.GetOk($"/api/commitments/{id}");
        Assert.Equal(meeting, commitment["meetingId"]!.GetValue<Guid>());
        Assert.Equal("Innovation dialogue", commitment.Text("meetingTitle"));
        Assert.Equal("2026-11-01", commitment.Text("madeOn"));
        Assert.Equal(most, commitment["owner"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Ministry of Science and Technology", commitment["owner"]!.Text("name"));
        Assert.Equal("Send the draft rules for comment", commitment.Text("description"));
        Assert.Equal("2026-12-31", commitment.Text("dueOn"));
        Assert.Equal(suggestion, commitment["suggestionId"]!.GetValue<Guid>());
        Assert.Equal("open", commitment.Text("status"));
        Assert.False(commitment["overdue"]!.GetValue<bool>());
        Assert.Empty(commitment["progress"]!.AsArray());
        Assert.Null(commitment["closedOn"]);
        Assert.Equal("2026-11-01", commitment.Text("lastActivityOn"));
        Assert.Equal(1, commitment["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_commitment_needs_neither_a_due_date_nor_a_suggestion()
    {
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), pharma);

        var id = (await Host.PostJson($"/api/meetings/{meeting}/commitments", new { ownerId = pharma, description = "Share data" }))
            .ShouldBeWritten(201, 1);

        var commitment = await Host.GetOk($"/api/commitments/{id}");
        Assert.Null(commitment["dueOn"]);
        Assert.Null(commitment["suggestionId"]);
        Assert.False(commitment["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task a_commitment_may_be_due_the_day_of_the_meeting_but_not_before()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        Assert.Equal(["must not be before the meeting (2026-11-01)"], await Host.PostRejectingField($"/api/meetings/{meeting}/commitments",
            new { ownerId = most, description = "x", dueOn = "2026-10-31" }, "dueOn"));
        (await Host.PostJson($"/api/meetings/{meeting}/commitments", new { ownerId = most, description = "x", dueOn = "2026-11-01" }))
            .ShouldBeWritten(201, 1);
    }

    [Fact]
    public async Task the_owner_must_be_an_organisation_that_exists()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);
        var person = await Host.Person("Vice Minister A", most);

        Assert.Equal(["no organisation with this id"], await Host.PostRejectingField($"/api/meetings/{meeting}/commitments",
            new { ownerId = Guid.NewGuid(), description = "x" }, "ownerId"));
        await Host.PostRejectingField($"/api/meetings/{meeting}/commitments", new { ownerId = person, description = "x" }, "ownerId");
        Assert.Equal(["is required"], await Host.PostRejectingField($"/api/meetings/{meeting}/commitments",
            new { description = "x" }, "ownerId"));
    }

    [Fact]
    public async Task a_suggestion_if_given_must_exist()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        Assert.Equal(["no suggestion with this id"], await Host.PostRejectingField($"/api/meetings/{meeting}/commitments",
            new { ownerId = most, description = "x", suggestionId = meeting }, "suggestionId"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task a_commitment_needs_a_description(string? description)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        await Host.PostRejectingField($"/api/meetings/{meeting}/commitments", new { ownerId = most, description }, "description");
    }

    [Fact]
    public async Task a_description_is_at_most_twenty_thousand_characters()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        await Host.PostRejectingField($"/api/meetings/{meeting}/commitments",
            new { ownerId = most, description = new string('d', Limits.Text + 1) }, "description");
    }

    [Fact]
    public async Task a_commitment_in_an_unknown_meeting_is_a_404()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var id = Guid.NewGuid();

        var problem = await Host.PostRefused($"/api/meetings/{id}/commitments", new { ownerId = most, description = "x" }, 404);

        Assert.Equal($"No meeting with id {id}.", problem.Text("detail"));
    }

    [Fact]
    public async Task an_unknown_commitment_is_a_404_and_a_meeting_is_not_a_commitment()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        (await Host.GetJson($"/api/commitments/{Guid.NewGuid()}")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/commitments/{meeting}")).ShouldBeProblem(404);
    }
}
