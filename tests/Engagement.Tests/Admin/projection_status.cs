using Engagement.Tests.ReadModels;
using Engagement.Tests.Support;

namespace Engagement.Tests.Admin;

public class projection_status(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task the_list_shows_each_projection_and_subscription_with_its_progress()
    {
        await Host.Organization("Ministry of Commerce");
        await Fixture.SettleAsync();

        var items = (await Host.GetOk("/api/admin/projections"))["items"]!.AsArray();

        var engagement = items.Single(i => i!.Text("name") == "StakeholderEngagement")!;
        Assert.Equal("projection", engagement.Text("kind"));
        Assert.Equal("running", engagement.Text("status"));
        Assert.Equal(0, engagement["eventsBehind"]!.GetValue<long>());
        Assert.True(engagement["processedSequence"]!.GetValue<long>() > 0);
        Assert.True(engagement["highWaterMark"]!.GetValue<long>() >= engagement["processedSequence"]!.GetValue<long>());
        Assert.Contains(items, i => i!.Text("name") == "Meeting" && i!.Text("kind") == "projection");
        Assert.Contains(items, i => i!.Text("kind") == "subscription");
    }

    [Fact]
    public async Task a_rebuild_runs_in_the_background_and_gives_the_same_answers()
    {
        var ministry = await Host.Organization("Ministry of Commerce");
        await Host.Meeting(Clock.Today.AddDays(-3), ministry);
        await Fixture.SettleAsync();
        var before = await Answer($"/api/engagement/{ministry}");

        var (status, body, _) = await Host.PostJson("/api/admin/projections/StakeholderEngagement/rebuild", null);

        Assert.Equal(202, status);
        Assert.Equal("rebuilding", body!.Text("status"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string state;
        do
        {
            await Task.Delay(200);
            state = (await Host.GetOk("/api/admin/projections"))["items"]!.AsArray().Single(i => i!.Text("name") == "StakeholderEngagement")!.Text("status");
        } while (state == "rebuilding" && DateTime.UtcNow < deadline);
        Assert.Equal("running", state);
        Assert.Equal(before, await Answer($"/api/engagement/{ministry}"));
        Assert.Contains("\"meetings\":1", before);
    }

    private async Task<string> Answer(string url)
    {
        var answer = (await Host.GetOk(url)).AsObject();
        answer.Remove("freshness");
        return answer.ToJsonString();
    }

    [Fact]
    public async Task an_unknown_projection_is_a_404_and_a_subscription_is_not_rebuilt()
    {
        (await Host.PostJson("/api/admin/projections/NoSuchThing/rebuild", null)).ShouldBeProblem(404);
        // A subscription is listed once it has recorded progress, which it does soon after the reset's first event.
        System.Text.Json.Nodes.JsonNode? found = null;
        for (var waited = 0; found is null && waited < 100; waited++)
        {
            found = (await Host.GetOk("/api/admin/projections"))["items"]!.AsArray().FirstOrDefault(i => i!.Text("kind") == "subscription");
            if (found is null) await Task.Delay(100);
        }
        var subscription = found!.Text("name");
        (await Host.PostJson($"/api/admin/projections/{subscription}/rebuild", null)).ShouldBeProblem(409);
    }

    [Fact]
    public async Task only_administrators_see_or_rebuild_projections()
    {
        var staff = (await Host.PostOk("/api/keys", new { name = "front desk", role = "staff" })).Text("key");

        (await Host.GetJson("/api/admin/projections", s => s.WithBearerToken(staff))).ShouldBeProblem(403);
        (await Host.PostJson("/api/admin/projections/StakeholderEngagement/rebuild", null, s => s.WithBearerToken(staff))).ShouldBeProblem(403);
    }
}
