using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class health_checks(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task the_service_is_ready_when_the_event_store_answers()
    {
        var before = await Host.GetOk("/health/ready");
        await Host.Organization("Ministry of Commerce");
        await Host.Organization("Example Pharma China", "member");

        var ready = await Host.GetOk("/health/ready");

        Assert.Equal("ready", ready.Text("status"));
        Assert.Equal(before["events"]!.GetValue<long>() + 2, ready["events"]!.GetValue<long>());
        Assert.Equal(before["streams"]!.GetValue<long>() + 2, ready["streams"]!.GetValue<long>());
    }

    [Fact]
    public async Task the_service_is_live()
    {
        Assert.Equal("live", (await Host.GetOk("/health/live")).Text("status"));
    }
}
