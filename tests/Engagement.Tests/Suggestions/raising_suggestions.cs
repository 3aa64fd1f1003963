using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Suggestions;

public class raising_suggestions(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_raised_suggestion_is_open_and_dated_the_day_of_the_meeting()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = (await Host.PostOk("/api/meetings",
            new { title = "Innovation dialogue", heldOn = "2023-07-14", organizationIds = new[] { most, pharma } }))["id"]!.GetValue<Guid>();

        var response = await Host.PostJson($"/api/meetings/{meeting}/suggestions",
            new { raisedById = pharma, addressedToId = most, topic = " data ", text = " Allow cross-border transfer of trial data. " });

        var id = response.ShouldBeWritten(201, 1);
        Assert.Equal($"/api/suggestions/{id}", response.Result.Context.Response.Headers.Location.ToString());
        var suggestion = await Host.GetOk($"/api/suggestions/{id}");
        Assert.Equal(meeting, suggestion["meetingId"]!.GetValue<Guid>());
        Assert.Equal("Innovation dialogue", suggestion.Text("meetingTitle"));
        Assert.Equal("2023-07-14", suggestion.Text("raisedOn"));
        Assert.Equal(pharma, suggestion["raisedBy"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Example Pharma China", suggestion["raisedBy"]!.Text("name"));
        Assert.Equal("Ministry of Science and Technology", suggestion["addressedTo"]!.Text("name"));
        Assert.Equal("data", suggestion.Text("topic"));
        Assert.Equal("Allow cross-border transfer of trial data.", suggestion.Text("text"));
        Assert.Equal("open", suggestion.Text("status"));
        Assert.Null(suggestion["outcome"]);
        Assert.Empty(suggestion["responses"]!.AsArray());
        Assert.Equal("2023-07-14", suggestion.Text("lastActivityOn"));
        Assert.Equal(1, suggestion["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task the_chamber_may_raise_a_suggestion_without_a_topic()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var amcham = await Host.Organization("AmCham China", "chamber");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most, amcham);

        var id = (await Host.PostJson($"/api/meetings/{meeting}/suggestions", new { raisedById = amcham, addressedToId = most, text = "Ask" }))
            .ShouldBeWritten(201, 1);

        Assert.Null((await Host.GetOk($"/api/suggestions/{id}"))["topic"]);
    }

    [Theory]
    [InlineData("government")]
    [InlineData("other")]
    public async Task only_a_member_or_the_chamber_may_raise_a_suggestion(string kind)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var raiser = await Host.Organization("Somebody", kind);
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most, raiser);

        var messages = await Host.PostRejectingField($"/api/meetings/{meeting}/suggestions",
            new { raisedById = raiser, addressedToId = most, text = "Ask" }, "raisedById");

        Assert.Equal(["must be a member company or the chamber"], messages);
    }

    [Fact]
    public async Task both_organisations_must_exist()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        var problem = await Host.PostRefused($"/api/meetings/{meeting}/suggestions",
            new { raisedById = Guid.NewGuid(), addressedToId = Guid.NewGuid(), text = "Ask" }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal("no organisation with this id", errors["raisedById"]![0]!.GetValue<string>());
        Assert.Equal("no organisation with this id", errors["addressedToId"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task both_organisations_are_required()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        var problem = await Host.PostRefused($"/api/meetings/{meeting}/suggestions", new { text = "Ask" }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal("is required", errors["raisedById"]![0]!.GetValue<string>());
        Assert.Equal("is required", errors["addressedToId"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task an_organisation_cannot_address_a_suggestion_to_itself()
    {
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), pharma);

        Assert.Equal(["must differ from raisedById"], await Host.PostRejectingField($"/api/meetings/{meeting}/suggestions",
            new { raisedById = pharma, addressedToId = pharma, text = "Ask" }, "addressedToId"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task a_suggestion_needs_text(string? text)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        await Host.PostRejectingField($"/api/meetings/{meeting}/suggestions", new { raisedById = pharma, addressedToId = most, text }, "text");
    }

    [Fact]
    public async Task a_topic_if_given_is_not_blank_and_at_most_a_hundred_characters()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);
        var url = $"/api/meetings/{meeting}/suggestions";

        Assert.Contains("must not be blank", await Host.PostRejectingField(url,
            new { raisedById = pharma, addressedToId = most, topic = "  ", text = "Ask" }, "topic"));
        Assert.Equal(["must be at most 100 characters"], await Host.PostRejectingField(url,
            new { raisedById = pharma, addressedToId = most, topic = new string('t', Limits.Topic + 1), text = "Ask" }, "topic"));
        Assert.Equal([$"must be at most {Limits.Text} characters"], await Host.PostRejectingField(url,
            new { raisedById = pharma, addressedToId = most, text = new string('t', Limits.Text + 1) }, "text"));
    }

    [Fact]
    public async Task a_suggestion_in_an_unknown_meeting_is_a_404()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        var id = Guid.NewGuid();

        var problem = await Host.PostRefused($"/api/meetings/{id}/suggestions", new { raisedById = pharma, addressedToId = most, text = "Ask" },
            404);

        Assert.Equal($"No meeting with id {id}.", problem.Text("detail"));
    }

    [Fact]
    public async Task an_unknown_suggestion_is_a_404_and_a_meeting_is_not_a_suggestion()
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var meeting = await Host.Meeting(new DateOnly(2026, 11, 1), most);

        (await Host.GetJson($"/api/suggestions/{Guid.NewGuid()}")).ShouldBeProblem(404);
        (await Host.GetJson($"/api/suggestions/{meeting}")).ShouldBeProblem(404);
    }
}
