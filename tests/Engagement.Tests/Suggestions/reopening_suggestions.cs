using Engagement.Tests.Support;

namespace Engagement.Tests.Suggestions;

public class reopening_suggestions(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<Guid> RaisedOn(DateOnly day)
    {
        var most = await Host.Organization("Ministry of Science and Technology");
        var pharma = await Host.Organization("Example Pharma China", "member");
        return await Host.Suggestion(await Host.Meeting(day, most, pharma), pharma, most);
    }

    [Fact]
    public async Task a_reopened_suggestion_without_responses_is_open_again_and_its_outcome_gone()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "withdrawn", note = "The member dropped it", resolvedOn = "2026-11-10" });

        Assert.Equal(id, (await Host.PostJson($"/api/suggestions/{id}/reopening",
            new { reason = "The member raised it again", reopenedOn = "2026-11-12" })).ShouldBeWritten(200, 3));

        var suggestion = await Host.GetOk($"/api/suggestions/{id}");
        Assert.Equal("open", suggestion.Text("status"));
        Assert.Null(suggestion["outcome"]);
        Assert.Null(suggestion["resolutionNote"]);
        Assert.Null(suggestion["resolvedOn"]);
        Assert.Equal("2026-11-12", suggestion.Text("lastActivityOn"));
    }

    [Fact]
    public async Task a_reopened_suggestion_with_responses_is_answered_again()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/responses", new { text = "Studying it", respondedOn = "2026-11-05" });
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "declined", resolvedOn = "2026-11-10" });

        await Host.PostOk($"/api/suggestions/{id}/reopening", new { reason = "New minister" });

        var suggestion = await Host.GetOk($"/api/suggestions/{id}");
        Assert.Equal("answered", suggestion.Text("status"));
        Assert.Single(suggestion["responses"]!.AsArray());
    }

    [Fact]
    public async Task a_reopened_suggestion_can_take_responses_and_be_resolved_again()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "declined", resolvedOn = "2026-11-10" });
        await Host.PostOk($"/api/suggestions/{id}/reopening", new { reason = "New minister", reopenedOn = "2026-11-15" });

        await Host.PostOk($"/api/suggestions/{id}/responses", new { text = "Will reconsider" });
        (await Host.PostJson($"/api/suggestions/{id}/resolution", new { outcome = "adopted" })).ShouldBeWritten(200, 5);

        var history = (await Host.GetOk($"/api/suggestions/{id}/history")).AsArray();
        Assert.Equal(["suggestion_raised", "suggestion_resolved", "suggestion_reopened", "suggestion_responded", "suggestion_resolved"],
            history.Select(e => e!.Text("type")));
        Assert.Equal("adopted", (await Host.GetOk($"/api/suggestions/{id}")).Text("outcome"));
    }

    [Fact]
    public async Task a_resolution_after_a_reopening_cannot_be_dated_before_it()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "declined", resolvedOn = "2026-11-10" });
        await Host.PostOk($"/api/suggestions/{id}/reopening", new { reason = "New minister", reopenedOn = "2026-11-15" });

        await Host.PostRejectingField($"/api/suggestions/{id}/resolution", new { outcome = "adopted", resolvedOn = "2026-11-14" }, "resolvedOn");
    }

    [Fact]
    public async Task reopening_an_open_suggestion_is_a_conflict()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));

        var problem = await Host.PostRefused($"/api/suggestions/{id}/reopening", new { reason = "Again" }, 409);

        Assert.Equal("Only a resolved suggestion can be reopened; this one is still open.", problem.Text("detail"));
    }

    [Fact]
    public async Task reopening_an_answered_suggestion_is_a_conflict()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/responses", new { text = "Studying it" });

        var problem = await Host.PostRefused($"/api/suggestions/{id}/reopening", new { reason = "Again" }, 409);

        Assert.EndsWith("still answered.", problem.Text("detail"));
    }

    [Fact]
    public async Task a_reopening_cannot_be_dated_before_the_resolution()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "declined", resolvedOn = "2026-11-10" });

        Assert.Equal(["must not be before the resolution (2026-11-10)"], await Host.PostRejectingField(
            $"/api/suggestions/{id}/reopening", new { reason = "Again", reopenedOn = "2026-11-09" }, "reopenedOn"));
    }

    [Fact]
    public async Task a_reopening_needs_a_reason_and_no_future_date()
    {
        var id = await RaisedOn(new DateOnly(2026, 11, 1));
        await Host.PostOk($"/api/suggestions/{id}/resolution", new { outcome = "declined" });

        await Host.PostRejectingField($"/api/suggestions/{id}/reopening", new { reopenedOn = "2026-11-24" }, "reason");
        await Host.PostRejectingField($"/api/suggestions/{id}/reopening", new { reason = "Again", reopenedOn = "2026-11-25" }, "reopenedOn");
    }

    [Fact]
    public async Task reopening_an_unknown_suggestion_is_a_404()
    {
        await Host.PostRefused($"/api/suggestions/{Guid.NewGuid()}/reopening", new { reason = "Again" }, 404);
    }
}
