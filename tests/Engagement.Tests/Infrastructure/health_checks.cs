using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class health_checks(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task the_service_is_ready_when_the_event_store_answers()
    {
        var before = (await Host.GetOk("/health/ready"))["checks"]!["event-store"]!["data"]!;
        await Host.Organization("Ministry of Commerce");
        await Host.Organization("Example Pharma China", "member");

        var ready = await Host.GetOk("/health/ready");

        Assert.Equal("ready", ready.Text("status"));
        var store = ready["checks"]!["event-store"]!;
        Assert.Equal("healthy", store.Text("status"));
        Assert.Equal(before["events"]!.GetValue<long>() + 2, store["data"]!["events"]!.GetValue<long>());
        Assert.Equal(before["streams"]!.GetValue<long>() + 2, store["data"]!["streams"]!.GetValue<long>());
    }

    [Fact]
    public async Task an_administrator_sees_how_far_each_read_model_lags()
    {
        var projections = (await Host.GetOk("/health/ready"))["checks"]!["projections"]!;

        Assert.Equal("healthy", projections.Text("status"));
        Assert.Contains("stakeholderEngagement:All", projections["data"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("/health/ready", "ready")]
    [InlineData("/health/live", "live")]
    public async Task anonymous_callers_see_only_the_status(string url, string status)
    {
        var (code, body, _) = await Host.GetJson(url, s => s.WithRequestHeader("Authorization", ""));

        Assert.Equal(200, code);
        Assert.Equal(status, body!.Text("status"));
        Assert.Single(body!.AsObject());
    }

    [Fact]
    public async Task a_viewer_sees_only_the_status_too()
    {
        var viewer = (await Host.PostOk("/api/keys", new { name = "health viewer", role = "viewer" }))["key"]!.GetValue<string>();

        var (_, body, _) = await Host.GetJson("/health/ready", s => s.WithRequestHeader("Authorization", $"Bearer {viewer}"));

        Assert.Equal(["status"], body!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task the_service_is_live()
    {
        Assert.Equal("live", (await Host.GetOk("/health/live")).Text("status"));
    }
}
