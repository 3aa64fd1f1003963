using Engagement.Tests.Support;

namespace Engagement.Tests.Suggestions;

public class responding_to_suggestions(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> RaisedOn(DateOnly day)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        return await Host.Suggestion(await Host.Meeting(day, most, pharma), pharma, most);
    }

    [Fact]
    public async Task a_response_makes_the_suggestion_answered()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        Assert.Equal(id, (await Host.PostJson($"/api/suggestions/{id}/responses",
            new { text = " The ministry will study it. ", respondedOn = "2026-11-05" })).ShouldBeWritten(200, 2));

        var suggestion = await Host.GetOk($"/api/suggestions/{id}");
        Assert.Equal("answered", suggestion.Text("status"));
        var response = Assert.Single(suggestion["responses"]!.AsArray())!;
        Assert.Equal("The ministry will study it.", response.Text("text"));
        Assert.Equal("2026-11-05", response.Text("respondedOn"));
        Assert.NotEqual(Guid.Empty, response["id"]!.GetValue<Guid>());
        Assert.Equal("2026-11-05", suggestion.Text("lastActivityOn"));
        Assert.Equal(2, suggestion["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task responses_accumulate_in_order_and_default_to_today()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/responses", new { text = "first", respondedOn = "2026-11-05" });

        (await Host.PostJson($"/api/suggestions/{id}/responses", new { text = "second" })).ShouldBeWritten(200, 3);

        var responses = (await Host.GetOk($"/api/suggestions/{id}"))["responses"]!.AsArray();
        Assert.Equal([("first", "2026-11-05"), ("second", "2026-11-24")], responses.Select(r => (r!.Text("text"), r!.Text("respondedOn"))));
    }

    [Fact]
    public async Task a_response_may_come_the_day_the_suggestion_was_raised_but_not_before()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        Assert.Equal(["must not be before the suggestion was raised (2026-11-01)"], await Host.PostRejectingField(
            $"/api/suggestions/{id}/responses", new { text = "x", respondedOn = "2026-10-31" }, "respondedOn"));
        (await Host.PostJson($"/api/suggestions/{id}/responses", new { text = "x", respondedOn = "2026-11-01" })).ShouldBeWritten(200, 2);
    }

    [Fact]
    public async Task a_response_cannot_be_dated_in_the_future()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        await Host.PostRejectingField($"/api/suggestions/{id}/responses", new { text = "x", respondedOn = "2026-11-25" }, "respondedOn");
    }

    [Fact]
    public async Task a_response_needs_text()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        Assert.Equal(["is required"], await Host.PostRejectingField($"/api/suggestions/{id}/responses", new { text = "" }, "text"));
    }

    [Fact]
    public async Task responding_to_a_resolved_suggestion_is_a_conflict()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "declined" });

        var problem = await Host.PostRefused($"/api/suggestions/{id}/responses", new { text = "Too late" }, 409);

        Assert.Contains("reopen it", problem.Text("detail"));
    }

    [Fact]
    public async Task responding_to_an_unknown_suggestion_is_a_404()
    {
        var id = Guid.NewGuid();

        var problem = await Host.PostRefused($"/api/suggestions/{id}/responses", new { text = "x" }, 404);

        Assert.Equal($"No suggestion with id {id}.", problem.Text("detail"));
    }
}
