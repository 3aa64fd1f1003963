using Engagement.Tests.Support;

namespace Engagement.Tests.Infrastructure;

public class health_checks(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task the_service_is_ready_when_the_event_store_answers()
    {
        await Host.Organization("Ministry of Commerce");
        await Host.Organization("Pfizer China", "member");

        var ready = await Host.GetOk("/health/ready");

        Assert.Equal("ready", ready.Text("status"));
        Assert.Equal(2, ready["events"]!.GetValue<long>());
        Assert.Equal(2, ready["streams"]!.GetValue<long>());
    }

    [Fact]
    public async Task the_service_is_live()
    {
        Assert.Equal("live", (await Host.GetOk("/health/live")).Text("status"));
    }
}
