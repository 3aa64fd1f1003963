using Engagement.Infrastructure;
using Engagement.Tests.Support;

namespace Engagement.Tests.Suggestions;

public class resolving_suggestions(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> RaisedOn(DateOnly day)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        return await Host.Suggestion(await Host.Meeting(day, most, pharma), pharma, most);
    }

    [Theory]
    [InlineData("adopted")]
    [InlineData("partially-adopted")]
    [InlineData("declined")]
    [InlineData("withdrawn")]
    public async Task a_suggestion_can_be_resolved_with_each_outcome(string outcome)
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        Assert.Equal(id, (await Host.PostJson($"/api/suggestions/{id}/resolution",
            new { outcome, note = " Published in the new rules ", resolvedOn = "2026-11-20" })).ShouldBeWritten(200, 2));

        var suggestion = await Host.GetOk($"/api/suggestions/{id}");
        Assert.Equal("resolved", suggestion.Text("status"));
        Assert.Equal(outcome, suggestion.Text("outcome"));
        Assert.Equal("Published in the new rules", suggestion.Text("resolutionNote"));
        Assert.Equal("2026-11-20", suggestion.Text("resolvedOn"));
        Assert.Equal("2026-11-20", suggestion.Text("lastActivityOn"));
    }

    [Fact]
    public async Task an_answered_suggestion_can_be_resolved_on_the_day_of_its_last_response_by_default_today()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/responses", new { text = "Studying it", respondedOn = "2026-11-10" });

        (await Host.PostJson($"/api/suggestions/{id}/resolution", new { outcome = "adopted" })).ShouldBeWritten(200, 3);

        var suggestion = await Host.GetOk($"/api/suggestions/{id}");
        Assert.Equal("2026-11-24", suggestion.Text("resolvedOn"));
        Assert.Null(suggestion["resolutionNote"]);
        Assert.Single(suggestion["responses"]!.AsArray());
    }

    [Fact]
    public async Task resolving_an_already_resolved_suggestion_is_a_conflict()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "partially-adopted" });

        var problem = await Host.PostRefused($"/api/suggestions/{id}/resolution", new { outcome = "adopted" }, 409);

        Assert.Contains("already resolved (partially-adopted)", problem.Text("detail"));
        Assert.Equal("partially-adopted", (await Host.GetOk($"/api/suggestions/{id}")).Text("outcome"));
    }

    [Fact]
    public async Task a_resolution_cannot_be_dated_before_the_last_response()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/responses", new { text = "Studying it", respondedOn = "2026-11-10" });

        Assert.Equal(["must not be before the suggestion's last activity (2026-11-10)"], await Host.PostRejectingField(
            $"/api/suggestions/{id}/resolution", new { outcome = "adopted", resolvedOn = "2026-11-09" }, "resolvedOn"));
    }

    [Fact]
    public async Task a_resolution_cannot_be_dated_in_the_future()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        await Host.PostRejectingField($"/api/suggestions/{id}/resolution", new { outcome = "adopted", resolvedOn = "2026-11-25" },
            "resolvedOn");
    }

    [Fact]
    public async Task an_outcome_is_required()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        Assert.Equal(["is required: adopted, partially-adopted, declined or withdrawn"],
            await Host.PostRejectingField($"/api/suggestions/{id}/resolution", new { note = "Done" }, "outcome"));
    }

    [Theory]
    [InlineData("accepted")]
    [InlineData("partially_adopted")]
    public async Task an_unknown_outcome_is_refused(string outcome)
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        await Host.PostRejectingField($"/api/suggestions/{id}/resolution", new { outcome }, "outcome");
    }

    [Fact]
    public async Task a_resolution_note_is_at_most_ten_thousand_characters()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        await Host.PostRejectingField($"/api/suggestions/{id}/resolution", new { outcome = "adopted", note = new string('n', Limits.Note + 1) },
            "note");
    }

    [Fact]
    public async Task resolving_an_unknown_suggestion_is_a_404()
    {
        await Host.PostRefused($"/api/suggestions/{Guid.NewGuid()}/resolution", new { outcome = "adopted" }, 404);
    }
}
